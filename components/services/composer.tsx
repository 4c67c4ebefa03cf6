'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent, type RefObject } from 'react';

import { ApiError } from '@/lib/api/api-error';
import { useSaveService } from '@/lib/client/use-services';
import { count } from '@/lib/format/plural';
import { refusal, useCan } from '@/lib/client/use-session';
import type { ServiceForm } from '@/lib/interlink/services/service-form-model';

import { BasicsSection, EnvironmentSection, KubernetesSection, SingularitySection, SlurmSection } from './composer-sections';
import { primaryButtonClass } from './field';
import { HpcNeedsPanel, type HpcContext } from './hpc-needs-panel';
import { dropImportedForm } from './imported-form';
import { pathKey, useComposer, type Composer as ComposerState } from './use-composer';
import { useDraftRescue } from './use-draft-rescue';
import { useUnsavedGuard } from './use-unsaved-guard';
import { TONE } from '@/components/ui/tones';

// The service composer: the form on the left, the live preview on the right. A save
// sends the form as OSCAR's JSON; whatever the server refuses (422, 409, 403) is shown
// above the form, and the form stays exactly as it was.

// Loaded after the page, not with it: the preview (Job builder, YAML) and the FDL export
// (YAML) weigh more than the rest of the composer (docs/benchmarks.md, first-load JS).
function LoadingPreview() {
  return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the preview…</p>;
}
const PreviewPanel = dynamic(() => import('./preview-panel').then((m) => m.PreviewPanel), { ssr: false, loading: LoadingPreview });
const ExportLinks = dynamic(() => import('./export-links').then((m) => m.ExportLinks), { ssr: false });
// A stored service's run and delete actions: not needed for the form to appear.
const RunPanel = dynamic(() => import('./composer-actions').then((m) => m.RunPanel), { ssr: false });
const DeleteButton = dynamic(() => import('./composer-actions').then((m) => m.DeleteButton), { ssr: false });

interface Props {
  initial: ServiceForm;
  /** The version the service was read at; null for a service not saved yet. */
  resourceVersion: string | null;
  hpc: HpcContext;
}

export function Composer({ initial, resourceVersion: initialVersion, hpc }: Props) {
  const router = useRouter();
  const c = useComposer(initial);
  const save = useSaveService();
  const [version, setVersion] = useState(initialVersion);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const isNew = version === null;
  useUnsavedGuard(c.dirty);
  useDraftRescue(c, version, setVersion);
  const canSave = useCan('editServices', c.form.namespace) !== false || c.form.namespace === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (c.issues.length > 0) {
      c.showAll();
      setNotice(null);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const form = c.form;
    // The conversion is loaded after the page (the preview has loaded it by the time anyone saves).
    void import('@/lib/interlink/services/service-form')
      .then(({ formToService }) => save.save(formToService(form), version))
      .then(
        (saved) => {
          c.markSaved(form);
          setVersion(saved.resourceVersion);
          setNotice({ ok: true, text: `Saved ${saved.name} in ${saved.namespace}.` });
          if (isNew) dropImportedForm();
          if (isNew) router.replace(`/services/${encodeURIComponent(saved.namespace)}/${encodeURIComponent(saved.name)}`);
        },
        (err: unknown) => {
          const text =
            err instanceof ApiError
              ? `${err.message}${err.code === 'conflict' ? ' Your edits are still here.' : ''}`
              : 'The dashboard server could not be reached; nothing was saved.';
          setNotice({ ok: false, text });
        },
      );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Service composer">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{isNew ? 'New service' : c.form.name}</h1>
        {c.dirty && (
          <span className="text-sm text-amber-800 dark:text-amber-300" data-testid="unsaved">
            Unsaved changes
          </span>
        )}
        <button type="submit" className={primaryButtonClass} disabled={save.pending || !c.ready || !canSave}>
          {save.pending ? 'Saving…' : 'Save'}
        </button>
        <ExportLinks form={c.form} />
        {version !== null && (
          <DeleteButton
            namespace={initial.namespace}
            name={initial.name}
            resourceVersion={version}
            onDeleted={() => router.push('/services')}
          />
        )}
      </div>
      {!canSave && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="save-refused">
          {refusal('editServices', c.form.namespace)} You can still export it as FDL.
        </p>
      )}
      {notice !== null && (
        <p
          role={notice.ok ? 'status' : 'alert'}
          data-testid="save-notice"
          className={`rounded border p-2 text-sm ${notice.ok ? TONE.ok : TONE.error}`}
        >
          {notice.text}
        </p>
      )}
      <IssueSummary c={c} target={summary} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          <BasicsSection c={c} isNew={isNew} />
          <HpcNeedsPanel form={c.form} hpc={hpc} />
          <SlurmSection c={c} />
          <SingularitySection c={c} />
          <EnvironmentSection c={c} />
          <KubernetesSection c={c} />
        </div>
        <div className="min-w-0 space-y-4 xl:sticky xl:top-4 xl:self-start">
          {!isNew && <RunPanel namespace={initial.namespace} name={initial.name} dirty={c.dirty} />}
          <PreviewPanel form={c.form} />
        </div>
      </div>
    </form>
  );
}

/** After a refused save: every problem in one list, so none hides in a collapsed corner. */
function IssueSummary({ c, target }: { c: ComposerState; target: RefObject<HTMLDivElement | null> }) {
  const shown = c.issues;
  if (!c.submitted || shown.length === 0) return null;
  return (
    <div
      ref={target}
      tabIndex={-1}
      role="alert"
      className={`rounded border p-3 text-sm focus:outline-2 focus:outline-red-600 ${TONE.error}`}
      data-testid="issue-summary"
    >
      <p className="font-semibold">{count(shown.length, 'problem')} to fix before saving:</p>
      <ul className="mt-1 list-disc pl-5">
        {shown.map((i) => (
          <li key={`${pathKey(i.path)} ${i.message}`}>
            <span className="font-mono">{pathKey(i.path) || 'service'}</span>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
