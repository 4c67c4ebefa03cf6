'use client';

import { useCallback, useMemo, useState } from 'react';

import { validateServiceForm } from '@/lib/api/service-schema';
import type { ServiceForm } from '@/lib/interlink/service-form';

// The composer's state: the form, the last saved (or initial) form it is compared with to
// know whether anything is unsaved, and the schema's verdict on it. A message shows once
// its field differs from the baseline, or for every field after a save was attempted, so a
// new form does not open covered in "is required".

export type Path = ReadonlyArray<string | number>;
export const pathKey = (path: Path): string => path.map(String).join('.');

export interface Composer {
  form: ServiceForm;
  set: <K extends keyof ServiceForm>(key: K, value: ServiceForm[K]) => void;
  replace: (form: ServiceForm) => void;
  dirty: boolean;
  /** Every problem, whether shown yet or not. */
  issues: ReadonlyArray<{ path: Path; message: string }>;
  /** The messages to show at exactly this path. */
  errorsAt: (path: Path) => string[];
  /** A save was attempted since the last successful one: every message shows. */
  submitted: boolean;
  showAll: () => void;
  markSaved: (form: ServiceForm) => void;
}

export function useComposer(initial: ServiceForm): Composer {
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const issues = useMemo(() => validateServiceForm(form), [form]);
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(baseline), [form, baseline]);
  const byPath = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const issue of issues) {
      const top = issue.path[0];
      const changed = typeof top === 'string' && top in form && JSON.stringify(form[top as keyof ServiceForm]) !== JSON.stringify(baseline[top as keyof ServiceForm]);
      if (!submitted && !changed) continue;
      const key = pathKey(issue.path);
      map.set(key, [...(map.get(key) ?? []), issue.message]);
    }
    return map;
  }, [issues, form, baseline, submitted]);

  const set = useCallback(<K extends keyof ServiceForm>(key: K, value: ServiceForm[K]) => setForm((f) => ({ ...f, [key]: value })), []);
  const errorsAt = useCallback((path: Path) => byPath.get(pathKey(path)) ?? [], [byPath]);
  const markSaved = useCallback((saved: ServiceForm) => {
    setForm(saved);
    setBaseline(saved);
    setSubmitted(false);
  }, []);
  return { form, set, replace: setForm, dirty, issues, errorsAt, submitted, showAll: () => setSubmitted(true), markSaved };
}
