import { clip, mentionsOutOfMemory, mentionsTimeout, outcomeTexts, type ContainerFacts } from './pod-signals';
import { findCondition, type Job, type KubeEvent, type Pod } from '../model/types';

// Verdicts for finished work (interLink pkg/virtualkubelet/execute.go). The virtual kubelet overwrites the container's
// terminated reason with `Completed` or `Error: <code>`, so the plugin's own
// `SlurmJobTimeout`/`OOMKilled` survive only in messages, if at all; and a Slurm TIMEOUT
// whose exit code reads 0 arrives as a *Succeeded* pod. Every text is searched, and a
// plain "failed, exit N" is the fallback.

export type FinishedState = 'Succeeded' | 'Failed' | 'TimedOut' | 'OutOfMemory';
export interface Verdict<S extends string = string> {
  state: S;
  reason: string;
}

/** A Job's terminal condition, if it has one. */
export interface JobEnd {
  kind: 'complete' | 'failed';
  reason: string | null;
  message: string | null;
  at: string | Date | null;
}

export function jobEnd(job: Job | undefined): JobEnd | null {
  const conditions = job?.status?.conditions;
  // FailureTarget / SuccessCriteriaMet come first on recent Kubernetes; Failed / Complete follow.
  for (const [type, kind] of [
    ['Failed', 'failed'],
    ['FailureTarget', 'failed'],
    ['Complete', 'complete'],
    ['SuccessCriteriaMet', 'complete'],
  ] as const) {
    const c = findCondition(conditions, type);
    if (c?.status === 'True') return { kind, reason: c.reason ?? null, message: c.message ?? null, at: c.lastTransitionTime ?? null };
  }
  return null;
}

const SLURM_TIME_LIMIT = /SlurmJobTimeout|\bTIMEOUT\b|TIME LIMIT|time limit/i;

function timedOut(texts: readonly string[], job: Job | undefined, reportedAsSuccess: boolean): Verdict<'TimedOut'> {
  const bySlurm = texts.some((t) => SLURM_TIME_LIMIT.test(t));
  const deadline = job?.spec?.activeDeadlineSeconds;
  let reason = bySlurm
    ? 'Timed out: Slurm stopped the job at its time limit (--time).'
    : `Timed out: the Job ran longer than its deadline${deadline === undefined ? '' : ` (activeDeadlineSeconds ${deadline})`}.`;
  if (reportedAsSuccess) reason += ' It was reported as succeeded with exit 0; only the status message shows the time-out.';
  return { state: 'TimedOut', reason };
}

function outOfMemory(exitCode: number | null): Verdict<'OutOfMemory'> {
  const exit = exitCode === null || exitCode === 0 ? '' : ` (exit ${exitCode})`;
  return { state: 'OutOfMemory', reason: `Out of memory: the job exceeded its memory limit${exit}; raise --mem.` };
}

/** Verdict from a pod in phase Succeeded or Failed. */
export function terminalPodVerdict(
  pod: Pod,
  facts: ContainerFacts,
  exitCode: number | null,
  events: readonly KubeEvent[],
  job: Job | undefined,
  end: JobEnd | null,
): Verdict<FinishedState> {
  const texts = outcomeTexts(pod, events, [end?.reason ?? undefined, end?.message ?? undefined]);
  const succeeded = pod.status?.phase === 'Succeeded';
  if (mentionsOutOfMemory(texts)) return outOfMemory(exitCode);
  if (mentionsTimeout(texts)) return timedOut(texts, job, succeeded && (exitCode ?? 0) === 0);
  if (succeeded) return { state: 'Succeeded', reason: 'Completed successfully (exit 0).' };
  const detail = pod.status?.message ?? facts.terminated.find((t) => t.message)?.message;
  const head = exitCode === null ? 'Failed' : `Failed with exit code ${exitCode}`;
  return { state: 'Failed', reason: detail ? `${head}: ${clip(detail)}` : `${head}.` };
}

/** Verdict from the Job's terminal condition alone (the pod is gone or still being deleted). */
export function jobEndVerdict(end: JobEnd, job: Job | undefined, events: readonly KubeEvent[]): Verdict<FinishedState> {
  const texts = outcomeTexts(undefined, events, [end.reason ?? undefined, end.message ?? undefined]);
  if (mentionsOutOfMemory(texts)) return outOfMemory(null);
  if (end.reason === 'DeadlineExceeded' || mentionsTimeout(texts)) return timedOut(texts, job, end.kind === 'complete');
  if (end.kind === 'complete') return { state: 'Succeeded', reason: 'Completed successfully.' };
  if (end.reason === 'BackoffLimitExceeded') {
    const limit = job?.spec?.backoffLimit ?? 0;
    const retries =
      limit === 0 ? 'the Job allows no retries (backoffLimit 0)' : limit === 1 ? 'its one retry is used' : `all ${limit} retries are used`;
    return { state: 'Failed', reason: `Failed: the pod failed and ${retries}.` };
  }
  const detail = end.message ?? end.reason;
  return { state: 'Failed', reason: detail === null ? 'Failed.' : `Failed: ${clip(detail)}` };
}
