'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`, so ages ("12 s ago") count up between live
 * messages. `initial`: the server's clock when it rendered the page, so the first client render
 * shows exactly what the HTML shows (hydration); the next tick takes the browser's clock.
 */
export function useNow(intervalMs = 1_000, initial?: number): number {
  const [now, setNow] = useState(() => initial ?? Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
