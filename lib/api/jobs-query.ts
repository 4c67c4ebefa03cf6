import type { JobView } from '@/lib/interlink/job-view';

import type { JobSortKey, JobsQuery } from './jobs';

// Filtering, sorting and paging of job rows: pure, shared by GET /api/jobs (over the whole
// index) and the job list page (over what the browser holds).

export type JobFilter = Pick<JobsQuery, 'namespace' | 'service' | 'node' | 'state' | 'q'>;

export function matchesJob(row: JobView, f: JobFilter): boolean {
  if (f.namespace !== undefined && row.namespace !== f.namespace) return false;
  if (f.service !== undefined && row.service !== f.service) return false;
  if (f.node !== undefined && row.node !== f.node) return false;
  if (f.state !== undefined && !f.state.includes(row.state)) return false;
  if (f.q !== undefined) {
    const q = f.q.toLowerCase();
    const hay = [row.name, row.namespace, row.service, row.node, row.slurmJobId, row.state, row.reason];
    if (!hay.some((h) => h !== null && h.toLowerCase().includes(q))) return false;
  }
  return true;
}

function durationMs(row: JobView, now: number): number | null {
  if (row.startedAt === null) return null;
  const end = row.finishedAt === null ? now : Date.parse(row.finishedAt);
  return end - Date.parse(row.startedAt);
}

function sortValue(row: JobView, key: JobSortKey, now: number): string | number | null {
  switch (key) {
    case 'duration':
      return durationMs(row, now);
    case 'slurmJobId':
      return row.slurmJobId === null ? null : Number(row.slurmJobId);
    default:
      return row[key];
  }
}

/** Compares with missing values last whatever the order, then by key for a stable order. */
export function compareJobs(key: JobSortKey, order: 'asc' | 'desc', now = Date.now()): (a: JobView, b: JobView) => number {
  const dir = order === 'asc' ? 1 : -1;
  return (a, b) => {
    const va = sortValue(a, key, now);
    const vb = sortValue(b, key, now);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * dir;
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  };
}

export function queryJobs(rows: Iterable<JobView>, q: JobsQuery, now = Date.now()): { jobs: JobView[]; total: number; offset: number } {
  const matching: JobView[] = [];
  for (const r of rows) if (matchesJob(r, q)) matching.push(r);
  matching.sort(compareJobs(q.sort, q.order, now));
  const end = q.limit === 0 ? undefined : q.offset + q.limit;
  return { jobs: matching.slice(q.offset, end), total: matching.length, offset: q.offset };
}
