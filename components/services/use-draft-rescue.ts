'use client';

import { useEffect, useRef } from 'react';

import { onBeforeSignIn } from '@/lib/client/session';
import type { ServiceForm } from '@/lib/interlink/services/service-form-model';

import type { Composer } from './use-composer';

// When a sign-in ends and cannot be renewed, the page goes to the sign-in page and comes
// back to the same address. The unsaved form waits in this tab's sessionStorage meanwhile
// and is put back, still marked unsaved, so nothing typed is lost.

interface Draft {
  form: ServiceForm;
  version: string | null;
}

const keyFor = (path: string) => `offload.draft:${path}`;

export function useDraftRescue(c: Composer, version: string | null, restoreVersion: (v: string | null) => void): void {
  const latest = useRef({ form: c.form, dirty: c.dirty, version });
  const { replace } = c;
  useEffect(() => {
    latest.current = { form: c.form, dirty: c.dirty, version };
  });

  useEffect(
    () =>
      onBeforeSignIn(() => {
        if (!latest.current.dirty) return;
        const draft: Draft = { form: latest.current.form, version: latest.current.version };
        sessionStorage.setItem(keyFor(window.location.pathname), JSON.stringify(draft));
      }),
    [],
  );

  useEffect(() => {
    const key = keyFor(window.location.pathname);
    const raw = sessionStorage.getItem(key);
    if (raw === null) return;
    sessionStorage.removeItem(key);
    try {
      const draft = JSON.parse(raw) as Draft;
      replace(draft.form);
      restoreVersion(draft.version);
    } catch {
      // A draft that cannot be read is dropped; the stored service is shown instead.
    }
  }, [replace, restoreVersion]);
}
