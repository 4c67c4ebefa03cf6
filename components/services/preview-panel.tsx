'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { stringify } from 'yaml';

import { JobBuildError } from '@/lib/interlink/jobs/job-builder';
import { buildPreview } from '@/lib/interlink/slurm/sbatch-preview';
import { formToService, type ServiceForm } from '@/lib/interlink/services/service-form';

// The live preview: what a run of the form as it stands would create, computed in the
// browser by the same pure code the server runs (buildPreview), so it follows every
// keystroke. Saved services also have it at GET /api/services/{ns}/{name}/preview.

/** Stands for the user name the server fills in when the job is really created. */
const PREVIEW_OWNER = 'you';

type Tab = 'sbatch' | 'job';

export function PreviewPanel({ form }: { form: ServiceForm }) {
  const deferred = useDeferredValue(form);
  const [tab, setTab] = useState<Tab>(form.target === '' ? 'job' : 'sbatch');
  const preview = useMemo(() => {
    try {
      const built = buildPreview(formToService(deferred), { owner: PREVIEW_OWNER });
      return { ok: true as const, sbatch: built.sbatch, job: stringify(built.job, { lineWidth: 0 }) };
    } catch (err) {
      if (err instanceof JobBuildError) return { ok: false as const, count: err.issues.length };
      throw err;
    }
  }, [deferred]);
  const tabs: Array<[Tab, string]> = [
    ['sbatch', 'Slurm batch script'],
    ['job', 'Kubernetes Job'],
  ];
  return (
    <section
      aria-labelledby="preview-heading"
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950"
      data-testid="preview"
    >
      <h2 id="preview-heading" className="text-base font-semibold">
        Preview
      </h2>
      <div role="group" aria-label="Preview of" className="flex gap-2">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            aria-pressed={tab === id}
            onClick={() => setTab(id)}
            className={
              'rounded px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 ' +
              'focus-visible:outline-blue-600 aria-pressed:bg-zinc-200 aria-pressed:font-medium ' +
              'aria-pressed:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800 ' +
              'dark:aria-pressed:bg-zinc-700 dark:aria-pressed:text-white'
            }
          >
            {label}
          </button>
        ))}
      </div>
      {!preview.ok ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status">
          Fix the {preview.count === 1 ? 'problem' : `${preview.count} problems`} in the form to see what a run would create.
        </p>
      ) : tab === 'sbatch' && preview.sbatch === '' ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          An ordinary node runs the Job directly: no Slurm batch script is involved.
        </p>
      ) : (
        <pre
          tabIndex={0}
          aria-label={tab === 'sbatch' ? 'Slurm batch script' : 'Kubernetes Job manifest'}
          className={
            'max-h-[70vh] overflow-auto rounded bg-zinc-100 p-3 font-mono text-xs whitespace-pre ' +
            'text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100'
          }
          data-testid={`preview-${tab}`}
        >
          {tab === 'sbatch' ? preview.sbatch : preview.job}
        </pre>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        As plugin 0.6.1 writes it; &lt;pod-uid&gt; and the job directory are known once the pod exists. The owner label becomes your user
        name.
      </p>
    </section>
  );
}
