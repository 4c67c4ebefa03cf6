import { JOB_STATES, type JobState } from '@/lib/interlink/jobs/job-state';
import type { NodeView } from '@/lib/api/nodes';

import { Badge, type Tone } from '../ui/badge';

const WORDS: Record<JobState, string> = {
  WaitingForNode: 'waiting for node',
  Queued: 'queued in Slurm',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  TimedOut: 'timed out',
  OutOfMemory: 'out of memory',
  Cancelled: 'cancelled',
  SubmissionFailed: 'submission failed',
  Unknown: 'unknown',
};

const TONE: Partial<Record<JobState, Tone>> = {
  Running: 'good',
  Succeeded: 'good',
  Failed: 'bad',
  TimedOut: 'bad',
  OutOfMemory: 'bad',
  SubmissionFailed: 'bad',
  Queued: 'warn',
  WaitingForNode: 'warn',
};

export function JobCounts({ jobs }: { jobs: NodeView['jobs'] }) {
  if (jobs === null)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Counts need permission to list pods and jobs in all namespaces.</p>;
  const present = JOB_STATES.filter((s) => (jobs[s] ?? 0) > 0);
  if (present.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No offloaded jobs.</p>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {present.map((s) => (
        <li key={s}>
          <Badge tone={TONE[s] ?? 'neutral'}>
            {jobs[s]} {WORDS[s]}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
