import type { JobState } from '@/lib/interlink/jobs/job-state';
import type { JobView } from '@/lib/interlink/jobs/job-view';

// GET /system/logs/{service}: a service's jobs as OSCAR lists them (types.JobInfo,
// github.com/grycap/oscar/blob/v3.3.0/pkg/types/jobinfo.go), paged as OSCAR 4 pages them
// (`next_page`, `remaining_jobs`), from Offload's job rows. Pure.

/** The pod phases OSCAR reports, and `Suspended` for a job without a pod. */
export type OscarJobStatus = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | 'Suspended';

const STATUS: Record<JobState, OscarJobStatus> = {
  WaitingForNode: 'Pending',
  Queued: 'Pending',
  Running: 'Running',
  Succeeded: 'Succeeded',
  // Slurm's own outcomes, which a pod phase can hide (a time-out whose exit code reads 0
  // arrives as Succeeded): Offload's state is the truer one.
  Failed: 'Failed',
  TimedOut: 'Failed',
  OutOfMemory: 'Failed',
  SubmissionFailed: 'Failed',
  // Offload cancels by suspending the Job, whose pod is then deleted.
  Cancelled: 'Suspended',
  Unknown: 'Unknown',
};

export function oscarStatus(state: JobState): OscarJobStatus {
  return STATUS[state];
}

export interface OscarJobInfo {
  status: OscarJobStatus;
  creation_time?: string;
  start_time?: string;
  finish_time?: string;
}

/** RFC 3339 in whole seconds, as Kubernetes' metav1.Time writes it. */
const rfc3339 = (iso: string | null): string | undefined => (iso === null ? undefined : iso.replace(/\.\d+Z$/, 'Z'));

export function jobInfo(row: Pick<JobView, 'state' | 'submittedAt' | 'startedAt' | 'finishedAt'>): OscarJobInfo {
  const times = { creation_time: rfc3339(row.submittedAt), start_time: rfc3339(row.startedAt), finish_time: rfc3339(row.finishedAt) };
  return { status: oscarStatus(row.state), ...Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)) };
}

/** OSCAR 4's page size. */
export const JOBS_PER_PAGE = 70;

export interface OscarJobsPage {
  jobs: Record<string, OscarJobInfo>;
  /** Send it back as `?page=` for the next page; '' on the last one. */
  next_page: string;
  remaining_jobs: number;
}

/**
 * One page of `rows` (newest first, as the job list sorts them). The cursor names the last
 * job shown, so jobs created between two pages do not shift what the next page holds.
 */
export function jobsPage(rows: readonly JobView[], page: string | undefined, size = JOBS_PER_PAGE): OscarJobsPage {
  const after = page === undefined || page === '' ? -1 : rows.findIndex((r) => r.name === decodeCursor(page));
  const start = after + 1;
  const shown = rows.slice(start, start + size);
  const remaining = Math.max(0, rows.length - start - shown.length);
  const last = shown.at(-1);
  return {
    jobs: Object.fromEntries(shown.map((r) => [r.name, jobInfo(r)])),
    next_page: remaining > 0 && last !== undefined ? Buffer.from(last.name, 'utf8').toString('base64url') : '',
    remaining_jobs: remaining,
  };
}

function decodeCursor(page: string): string {
  return Buffer.from(page, 'base64url').toString('utf8');
}
