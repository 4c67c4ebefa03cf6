'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';

import { ApiError } from '@/lib/api/api-error';
import { useDeleteService, useRunService } from '@/lib/client/use-service-actions';
import { refusal, useCan } from '@/lib/client/use-session';

import { buttonClass, dangerButtonClass, inputClass, primaryButtonClass } from './field';

// What a saved service offers besides editing: run, delete (export: export-links.tsx).

const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : 'The dashboard server could not be reached.');

export function RunPanel({ namespace, name, dirty }: { namespace: string; name: string; dirty: boolean }) {
  const router = useRouter();
  const run = useRunService();
  const [input, setInput] = useState('');
  const id = useId();
  const canRun = useCan('runJobs', namespace);
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        Run
      </h2>
      <label htmlFor={`${id}-input`} className="block text-sm font-medium">
        Input payload (optional)
      </label>
      <textarea
        id={`${id}-input`}
        className={`${inputClass} font-mono`}
        rows={3}
        value={input}
        onChange={(e) => setInput(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {canRun === false
          ? refusal('runJobs', namespace)
          : dirty
            ? 'Save first: a run uses the stored service.'
            : 'Reaches the script Base64-encoded in $EVENT, as OSCAR sends it.'}
      </p>
      <button
        type="button"
        className={primaryButtonClass}
        disabled={dirty || run.isPending || canRun !== true}
        onClick={() =>
          run.mutate(
            { namespace, name, input },
            { onSuccess: (job) => router.push(`/jobs/${encodeURIComponent(job.namespace)}/${encodeURIComponent(job.name)}`) },
          )
        }
      >
        {run.isPending ? 'Starting…' : 'Run now'}
      </button>
      {run.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {messageOf(run.error)}
        </p>
      )}
    </section>
  );
}

export function DeleteButton({
  namespace,
  name,
  resourceVersion,
  onDeleted,
}: {
  namespace: string;
  name: string;
  resourceVersion: string;
  onDeleted: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useDeleteService();
  const id = useId();
  const canDelete = useCan('deleteServices', namespace);
  return (
    <>
      <button
        type="button"
        className={`${buttonClass} text-red-800 dark:text-red-300`}
        disabled={canDelete !== true}
        title={canDelete === false ? refusal('deleteServices', namespace) : undefined}
        onClick={() => dialog.current?.showModal()}
      >
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className={
          'm-auto max-w-md rounded-lg border border-zinc-300 bg-white p-5 text-zinc-900 ' +
          'backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100'
        }
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Delete {name}?
        </h2>
        <p className="mt-2 text-sm">
          The service and its secrets are removed from namespace {namespace}. Jobs it already ran are not affected.
        </p>
        {remove.isError && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {messageOf(remove.error)}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={buttonClass} autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className={dangerButtonClass}
            disabled={remove.isPending}
            onClick={() => remove.mutate({ namespace, name, resourceVersion }, { onSuccess: onDeleted })}
          >
            Delete service
          </button>
        </div>
      </dialog>
    </>
  );
}
