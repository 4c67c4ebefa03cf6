'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';

import type { ServiceForm } from '@/lib/interlink/services/service-form-model';

// The composer's state: the form, the last saved (or initial) form it is compared with to
// know whether anything is unsaved, and the schema's verdict on it. A message shows once
// its field differs from the baseline, or for every field after a save was attempted, so a
// new form does not open covered in "is required".

export type Path = ReadonlyArray<string | number>;
export const pathKey = (path: Path): string => path.map(String).join('.');

type Validate = (form: ServiceForm) => ReadonlyArray<{ path: Path; message: string }>;

// The validation (zod and the service rules) loads just after the page instead of with it:
// it is the heaviest part of the composer's JavaScript. Until it is there, Save waits.
let validator: Validate | null = null;

function useValidator(): Validate | null {
  const [validate, setValidate] = useState<Validate | null>(() => validator);
  useEffect(() => {
    if (validate !== null) return;
    let mounted = true;
    void import('@/lib/api/service-schema').then((m) => {
      validator = m.validateServiceForm;
      if (mounted) setValidate(() => m.validateServiceForm);
    });
    return () => {
      mounted = false;
    };
  }, [validate]);
  return validate;
}

export interface Composer {
  /** The validation has loaded (until then `issues` is empty and nothing may be saved). */
  ready: boolean;
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
  const validate = useValidator();
  const issues = useMemo(() => validate?.(form) ?? [], [validate, form]);
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(baseline), [form, baseline]);
  const byPath = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const issue of issues) {
      const top = issue.path[0];
      const changed =
        typeof top === 'string' &&
        top in form &&
        JSON.stringify(form[top as keyof ServiceForm]) !== JSON.stringify(baseline[top as keyof ServiceForm]);
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
  return {
    ready: validate !== null,
    form,
    set,
    replace: setForm,
    dirty,
    issues,
    errorsAt,
    submitted,
    showAll: () => setSubmitted(true),
    markSaved,
  };
}
