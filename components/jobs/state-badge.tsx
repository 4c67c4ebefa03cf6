import { Badge, type Tone } from '@/components/ui/badge';
import type { JobState } from '@/lib/interlink/jobs/job-state';

const TONE: Record<JobState, Tone> = {
  WaitingForNode: 'warn',
  Queued: 'neutral',
  Running: 'good',
  Succeeded: 'good',
  Failed: 'bad',
  TimedOut: 'bad',
  OutOfMemory: 'bad',
  Cancelled: 'neutral',
  SubmissionFailed: 'bad',
  Unknown: 'warn',
};

/** The state as a badge; the sentence explaining it shows on hover and is read by screen readers. */
export function StateBadge({ state, reason, exitCode }: { state: JobState; reason: string; exitCode?: number | null }) {
  const exit = state === 'Failed' && exitCode !== null && exitCode !== undefined ? ` (exit ${exitCode})` : '';
  return (
    <span title={reason} data-testid="job-state" data-state={state}>
      <Badge tone={TONE[state]}>
        {state}
        {exit}
      </Badge>
      <span className="sr-only">: {reason}</span>
    </span>
  );
}
