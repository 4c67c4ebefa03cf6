// Every submission accounted for at the end of the soak (pure): created once, on the cluster,
// finished, and finished the way Slurm says; Offload showing the state the cluster has.
import type { SlurmJob, JobTruth } from './truth.ts';
import type { Submission } from './submitter.ts';

export interface OffloadRow {
  namespace: string;
  name: string;
  state: string;
}

export interface Accounting {
  submissions: number;
  /** Answered 201 (or 200 for a retry of the same submission). */
  accepted: number;
  /** Refused with a clear 503 (the cluster could not take it); nothing was created. */
  refused: number;
  /** Neither accepted nor clearly refused after the retries: the person saw a failure. */
  failed: Array<{ id: number; last: string }>;
  /** Accepted, but no such Job on the cluster, or not finished at the end and not finished in Slurm either. */
  lost: string[];
  /**
   * Not finished on the cluster although Slurm finished its pod's job: the virtual node never
   * reported the end (the released plugins' 10 s status cache can pass a pod over for minutes;
   * docs/operations.md, "Limits of the released interLink components"). Ran once; not lost.
   */
  unreported: string[];
  /** One submission that became two Jobs, or one pod that became two Slurm jobs. */
  twice: string[];
  /** Finished on the cluster otherwise than Slurm says, or shown by Offload in another state. */
  mismatched: string[];
  /** Accepted jobs that reached a terminal state matching Slurm's. */
  accounted: number;
  /** The same, as a share of accepted. */
  accountedShare: number;
}

/** Slurm job states of a job that has ended (squeue(1), JOB STATE CODES). */
const SLURM_ENDED = new Set([
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'CANCELLED',
  'OUT_OF_MEMORY',
  'NODE_FAIL',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
]);

const FAILED_STATES = new Set(['Failed', 'TimedOut', 'OutOfMemory', 'Cancelled', 'SubmissionFailed']);

/** Whether Offload's state word agrees with the Job's end on the cluster. */
export function stateAgrees(terminal: JobTruth['terminal'], state: string): boolean {
  if (terminal === 'Complete') return state === 'Succeeded';
  if (terminal === 'Failed') return FAILED_STATES.has(state);
  return !FAILED_STATES.has(state) && state !== 'Succeeded';
}

/** Whether Slurm's end of a pod's job agrees with the Job's end on the cluster. */
export function slurmAgrees(terminal: JobTruth['terminal'], slurm: SlurmJob | undefined): boolean {
  if (terminal === 'Complete') return slurm?.state === 'COMPLETED';
  if (terminal === 'Failed') return slurm === undefined || slurm.state !== 'COMPLETED';
  return false;
}

export function account(
  submissions: readonly Submission[],
  cluster: readonly JobTruth[],
  slurm: readonly SlurmJob[],
  rows: readonly OffloadRow[],
): Accounting {
  const jobs = new Map(cluster.map((j) => [`${j.namespace}/${j.name}`, j]));
  const rowOf = new Map(rows.map((r) => [`${r.namespace}/${r.name}`, r]));
  const slurmByPod = (uid: string) => slurm.filter((s) => s.command.includes(uid));
  const result: Accounting = {
    submissions: submissions.length,
    accepted: 0,
    refused: 0,
    failed: [],
    lost: [],
    unreported: [],
    twice: [],
    mismatched: [],
    accounted: 0,
    accountedShare: 0,
  };
  for (const sub of submissions) {
    const namespace = sub.user;
    if (sub.jobs.length === 0) {
      const last = sub.attempts[sub.attempts.length - 1];
      if (last?.status === 503) result.refused++;
      else result.failed.push({ id: sub.id, last: last === undefined ? 'no attempt' : `${last.status} ${last.text}` });
      continue;
    }
    result.accepted++;
    if (sub.jobs.length > 1) result.twice.push(`submission ${sub.id} became ${sub.jobs.join(', ')}`);
    const key = `${namespace}/${sub.jobs[0] ?? ''}`;
    const job = jobs.get(key);
    const finishedInSlurm = (job?.pods ?? []).flatMap((p) => slurmByPod(p.uid)).find((s) => SLURM_ENDED.has(s.state));
    if (job !== undefined && job.terminal === null && finishedInSlurm !== undefined) {
      const phases = job.pods.map((p) => p.phase).join(', ');
      result.unreported.push(`${key}: ${phases} on the cluster, Slurm job ${finishedInSlurm.id} ${finishedInSlurm.state}`);
      continue;
    }
    if (job === undefined || job.terminal === null) {
      result.lost.push(
        job === undefined ? `${key}: no such Job` : `${key}: not finished (${job.pods.map((p) => p.phase).join(', ') || 'no pod'})`,
      );
      continue;
    }
    const pod = job.pods[0];
    const ofPod = pod === undefined ? [] : slurmByPod(pod.uid);
    if (job.pods.length > 1) result.twice.push(`${key}: ${job.pods.length} pods`);
    if (ofPod.length > 1) result.twice.push(`${key}: Slurm jobs ${ofPod.map((s) => s.id).join(', ')} for one pod`);
    const slurmJob = ofPod.find((s) => s.id === pod?.slurmJobId) ?? ofPod[0];
    const row = rowOf.get(key);
    const problems: string[] = [];
    if (!slurmAgrees(job.terminal, slurmJob)) problems.push(`cluster ${job.terminal}, Slurm ${slurmJob?.state ?? 'no job'}`);
    if (row === undefined) problems.push('not listed by Offload');
    else if (!stateAgrees(job.terminal, row.state)) problems.push(`cluster ${job.terminal}, Offload ${row.state}`);
    if (problems.length > 0) result.mismatched.push(`${key}: ${problems.join('; ')}`);
    else result.accounted++;
  }
  result.accountedShare = result.accepted === 0 ? 0 : result.accounted / result.accepted;
  return result;
}
