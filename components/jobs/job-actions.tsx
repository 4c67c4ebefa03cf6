'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import type { JobDetailResponse } from '@/lib/api/job-detail';
import { cancelJob, deleteJob, runAgain } from '@/lib/client/jobs';
import { queryKeys } from '@/lib/client/query-keys';
import { refusal, useCan } from '@/lib/client/use-session';
import { FINISHED_STATES } from '@/lib/interlink/jobs/job-state';

import { BUTTON_TONES, ConfirmButton } from './confirm-button';

/** Cancel (suspend), delete, and run again (only for Jobs Offload created from a service). */
export function JobActions({ job }: { job: JobDetailResponse }) {
  const client = useQueryClient();
  const router = useRouter();
  const [runError, setRunError] = useState<string | null>(null);
  const may = {
    cancelJobs: useCan('cancelJobs', job.namespace),
    deleteJobs: useCan('deleteJobs', job.namespace),
    runJobs: useCan('runJobs', job.namespace),
  };
  if (job.kind !== 'Job') return null;
  const refused = (Object.keys(may) as (keyof typeof may)[]).filter((p) => may[p] === false);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.jobs.detail(job.namespace, job.name) });
  const service = job.service;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!FINISHED_STATES.has(job.state) && (
        <ConfirmButton
          label="Cancel"
          disabled={may.cancelJobs !== true}
          title={`Cancel ${job.name}?`}
          confirmLabel="Cancel the job"
          tone="danger"
          onConfirm={() => cancelJob(job.namespace, job.name).then(refresh)}
        >
          The Job is suspended: its pod is deleted, which cancels{' '}
          {job.slurmJobId === null ? 'its Slurm job' : `Slurm job ${job.slurmJobId}`}. The Job stays listed as Cancelled.
        </ConfirmButton>
      )}
      <ConfirmButton
        label="Delete"
        disabled={may.deleteJobs !== true}
        title={`Delete ${job.name}?`}
        confirmLabel="Delete the job"
        tone="danger"
        onConfirm={async () => {
          await deleteJob(job.namespace, job.name);
          router.push('/jobs');
        }}
      >
        The Job and its pod are removed from the cluster, with its log. This cannot be undone.
      </ConfirmButton>
      {job.detail.managedByOffload && service !== null && (
        <button
          type="button"
          className={BUTTON_TONES.plain}
          disabled={may.runJobs !== true}
          onClick={() => {
            setRunError(null);
            runAgain(job.namespace, service, job.detail.input).then(
              (run) => router.push(`/jobs/${run.namespace}/${run.name}`),
              (err: unknown) => setRunError(err instanceof Error ? err.message : String(err)),
            );
          }}
        >
          Run again
        </button>
      )}
      {refused.length > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="refused-actions">
          {refused.map((p) => refusal(p, job.namespace)).join(' ')}
        </p>
      )}
      {runError !== null && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {runError}
        </p>
      )}
    </div>
  );
}
