'use client';

import { useEffect, useState } from 'react';

/**
 * A module loaded after the page, once `wanted`: null until it has arrived. For code a page
 * needs only after its data (which it waits for anyway), kept off its first load.
 */
export function useLazy<T>(load: () => Promise<T>, wanted = true): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let mounted = true;
    void load().then((m) => mounted && setModule(() => m));
    return () => {
      mounted = false;
    };
  }, [load, wanted]);
  return module;
}
