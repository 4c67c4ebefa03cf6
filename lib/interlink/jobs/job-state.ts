import { jobEnd, jobEndVerdict, terminalPodVerdict, type Verdict } from './job-outcome';
import { NODE_LABELS, OFFLOAD_CANCEL_ANNOTATIONS } from '../model/keys';
import { clip, containerFacts, exitCodeOf, nodeOf, slurmJobIdOf, type ContainerFacts } from './pod-signals';
import { explainUnschedulable } from './scheduling';
import { submissionErrorText } from './submission-error';
import { findCondition, toIso, type Job, type KubeEvent, type Pod } from '../model/types';

// Job + pod (+ events) → one state and one sentence, following how the interLink virtual
// kubelet and the Slurm plugin report a job (interLink pkg/virtualkubelet/execute.go). Pure: the caller supplies the
// objects; the same function serves the list, the detail page and the watch stream.

export const JOB_STATES = [
  'WaitingForNode',
  'Queued',
  'Running',
  'Succeeded',
  'Failed',
  'TimedOut',
  'OutOfMemory',
  'Cancelled',
  'SubmissionFailed',
  'Unknown',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job does not leave: nothing to follow or cancel any more. */
export const FINISHED_STATES: ReadonlySet<JobState> = new Set([
  'Succeeded',
  'Failed',
  'TimedOut',
  'OutOfMemory',
  'Cancelled',
  'SubmissionFailed',
]);

export interface JobStatus {
  state: JobState;
  /** One sentence for a person. */
  reason: string;
  slurmJobId: string | null;
  exitCode: number | null;
  node: string | null;
  submittedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Container waiting reasons that say nothing beyond "not started yet". */
const GENERIC_WAITING = new Set(['ContainerCreating', 'PodInitializing', 'Pending', '']);

export function deriveJobState(job: Job | undefined, pod: Pod | undefined, events: readonly KubeEvent[] = []): JobStatus {
  const facts = pod === undefined ? undefined : containerFacts(pod);
  const phase = pod?.status?.phase;
  const podTerminal = phase === 'Succeeded' || phase === 'Failed';
  const end = jobEnd(job);
  const base = {
    // After a cancel the pod is gone: the id Offload recorded on the Job remains.
    slurmJobId: slurmJobIdOf(pod) ?? recorded(job, OFFLOAD_CANCEL_ANNOTATIONS.slurmJobId),
    exitCode: facts !== undefined && (podTerminal || facts.allTerminated) ? exitCodeOf(facts.terminated) : null,
    node: nodeOf(pod) ?? job?.spec?.template?.spec?.nodeSelector?.[NODE_LABELS.hostname] ?? null,
    submittedAt: toIso(job?.metadata?.creationTimestamp ?? pod?.metadata?.creationTimestamp),
    startedAt:
      facts?.startedAt ??
      (phase === 'Running' ? toIso(pod?.status?.startTime) : null) ??
      toIso(recorded(job, OFFLOAD_CANCEL_ANNOTATIONS.startedAt)),
    finishedAt: facts?.finishedAt ?? toIso(job?.status?.completionTime ?? end?.at),
  };
  const verdict = decide(job, pod, facts, events, base);
  const finishedAt =
    verdict.state === 'Cancelled'
      ? (base.finishedAt ?? toIso(findCondition(job?.status?.conditions, 'Suspended')?.lastTransitionTime))
      : base.finishedAt;
  // Messages come from remote systems; a sentence stays on one line.
  return { ...base, state: verdict.state, reason: verdict.reason.replace(/\s+/g, ' ').trim(), finishedAt };
}

type Base = Pick<JobStatus, 'slurmJobId' | 'exitCode' | 'node'>;

function decide(
  job: Job | undefined,
  pod: Pod | undefined,
  facts: ContainerFacts | undefined,
  events: readonly KubeEvent[],
  base: Base,
): Verdict<JobState> {
  const phase = pod?.status?.phase;
  const podTerminal = phase === 'Succeeded' || phase === 'Failed';
  const end = jobEnd(job);

  // The plugin could not submit: phase Failed, reason ProviderFailed, message = the error.
  if (pod?.status?.reason === 'ProviderFailed') {
    const message = pod.status.message;
    return {
      state: 'SubmissionFailed',
      reason: `Submission to the HPC cluster failed: ${message ? submissionErrorText(message) : 'no message given'}`,
    };
  }
  if (end !== null) {
    // A finished pod knows more (exit code, messages) unless it contradicts a failed Job.
    if (pod !== undefined && facts !== undefined && podTerminal) {
      const v = terminalPodVerdict(pod, facts, base.exitCode, events, job, end);
      if (!(end.kind === 'failed' && v.state === 'Succeeded')) return v;
    }
    return jobEndVerdict(end, job, events);
  }
  // Offload cancels by suspending the Job: the Job controller deletes the pod, the virtual
  // kubelet then runs scancel, and the suspended Job stays as the record (interLink pkg/virtualkubelet/execute.go).
  if (job?.spec?.suspend === true) return cancelled(job, pod, podTerminal, events, base);
  if (pod === undefined || facts === undefined) return noPod(job, base);
  if (podTerminal) return terminalPodVerdict(pod, facts, base.exitCode, events, job, null);
  const where = base.node ?? 'its node';
  if (phase === 'Running') {
    return {
      state: 'Running',
      reason: base.slurmJobId === null ? `Running on ${where}.` : `Running as Slurm job ${base.slurmJobId} on ${where}.`,
    };
  }
  if (phase === 'Pending' || phase === undefined) return pending(pod, facts, events, base);
  return { state: 'Unknown', reason: `The pod reports phase ${phase}${pod.status?.message ? `: ${clip(pod.status.message)}` : '.'}` };
}

function pending(pod: Pod, facts: ContainerFacts, events: readonly KubeEvent[], base: Base): Verdict<JobState> {
  const scheduled = findCondition(pod.status?.conditions, 'PodScheduled');
  const bound = pod.spec?.nodeName !== undefined && pod.spec.nodeName !== '';
  if (scheduled?.status === 'True' || bound) {
    // Scheduled on the virtual node: the pod stays Pending while Slurm queues the job.
    const where = base.node ?? 'its node';
    if (base.slurmJobId !== null) return { state: 'Queued', reason: `Queued in Slurm as job ${base.slurmJobId} on ${where}.` };
    const waiting = facts.waiting.find((w) => !GENERIC_WAITING.has(w.reason ?? ''));
    if (waiting !== undefined) {
      const detail = waiting.message ? `${waiting.reason}: ${clip(waiting.message)}` : `${waiting.reason}`;
      return { state: 'Queued', reason: `Pending on ${where}: ${detail}` };
    }
    return { state: 'Queued', reason: `Submitted to ${where}; waiting for the Slurm job id.` };
  }
  const message = scheduled?.message ?? [...events].reverse().find((e) => e.reason === 'FailedScheduling' && e.message)?.message ?? null;
  return { state: 'WaitingForNode', reason: `Waiting for a node: ${explainUnschedulable(message, base.node)}.` };
}

function cancelled(job: Job, pod: Pod | undefined, podTerminal: boolean, events: readonly KubeEvent[], base: Base): Verdict<'Cancelled'> {
  const stopping = (job.status?.active ?? 0) > 0 || (pod !== undefined && !podTerminal);
  const slurm = base.slurmJobId === null ? 'its Slurm job' : `Slurm job ${base.slurmJobId}`;
  if (stopping)
    return { state: 'Cancelled', reason: `Cancelling: the Job is suspended and its pod is being deleted, which cancels ${slurm}.` };
  if (job.status?.startTime !== undefined || pod !== undefined || base.slurmJobId !== null) {
    return { state: 'Cancelled', reason: `Cancelled: the Job was suspended, which cancelled ${slurm}.` };
  }
  // Suspending clears the Job's startTime; its "Created pod" event still tells that a pod
  // existed, though not whether it reached Slurm.
  if (events.some((e) => e.reason === 'SuccessfulCreate')) {
    return {
      state: 'Cancelled',
      reason: 'Cancelled: the Job was suspended, which deleted its pod and cancelled its Slurm job, if it had one.',
    };
  }
  return { state: 'Cancelled', reason: 'Cancelled before it started: the Job is suspended.' };
}

function noPod(job: Job | undefined, base: Base): Verdict<JobState> {
  if (job === undefined) return { state: 'Unknown', reason: 'Neither the Job nor its pod can be read.' };
  if ((job.status?.active ?? 0) > 0) return { state: 'Unknown', reason: 'The Job reports an active pod that is not visible yet.' };
  if ((job.status?.succeeded ?? 0) > 0 || (job.status?.failed ?? 0) > 0) {
    return { state: 'Unknown', reason: 'The pod is gone and the Job has not recorded an outcome yet.' };
  }
  const target = base.node === null ? '' : ` for ${base.node}`;
  return { state: 'WaitingForNode', reason: `Waiting for the Job controller to create the pod${target}.` };
}

function recorded(job: Job | undefined, annotation: string): string | null {
  const value = job?.metadata?.annotations?.[annotation]?.trim();
  return value === undefined || value === '' ? null : value;
}
