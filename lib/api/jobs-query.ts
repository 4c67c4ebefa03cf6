import type { JobView } from '@/lib/interlink/jobs/job-view';

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
    // The separator cannot be typed into the search, so no match spans two fields.
    if (q.includes(SEP) ? !searchFields(row).some((h) => h.includes(q)) : !searchText(row).includes(q)) return false;
  }
  return true;
}

const SEP = '\u0000';
const searchFields = (row: JobView) =>
  [row.name, row.namespace, row.service, row.node, row.slurmJobId, row.state, row.reason]
    .filter((h) => h !== null)
    .map((h) => h.toLowerCase());
/** Rows are immutable (a change is a new object), so each one's lower-cased text is kept with it. */
const searchTexts = new WeakMap<JobView, string>();

function searchText(row: JobView): string {
  let text = searchTexts.get(row);
  if (text === undefined) searchTexts.set(row, (text = searchFields(row).join(SEP)));
  return text;
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
    case 'slurmJobId': {
      // A non-numeric id sorts as missing: NaN would make the order inconsistent.
      const n = row.slurmJobId === null ? Number.NaN : Number(row.slurmJobId);
      return Number.isFinite(n) ? n : null;
    }
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

export interface JobsPage {
  jobs: JobView[];
  total: number;
  offset: number;
}

export function queryJobs(rows: Iterable<JobView>, q: JobsQuery, now = Date.now()): JobsPage {
  const matching: JobView[] = [];
  for (const r of rows) if (matchesJob(r, q)) matching.push(r);
  return pageOf(matching.sort(compareJobs(q.sort, q.order, now)), q);
}

/**
 * Filters and pages rows that are already in the query's order (no sorting): one plain pass,
 * and none at all when nothing filters (then the page is a slice). `keep` is the caller's
 * visibility (undefined: every row).
 */
export function pageOf(sorted: readonly JobView[], q: JobsQuery, keep?: (row: JobView) => boolean): JobsPage {
  const end = q.limit === 0 ? Infinity : q.offset + q.limit;
  const filtering =
    q.namespace !== undefined || q.service !== undefined || q.node !== undefined || q.state !== undefined || q.q !== undefined;
  if (!filtering && keep === undefined) return { jobs: sorted.slice(q.offset, end), total: sorted.length, offset: q.offset };
  const jobs: JobView[] = [];
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i] as JobView;
    if ((keep !== undefined && !keep(r)) || !matchesJob(r, q)) continue;
    if (total >= q.offset && total < end) jobs.push(r);
    total++;
  }
  return { jobs, total, offset: q.offset };
}

/** Whether the order of `key` can be kept between reads (a running job's duration grows with the clock). */
export const isStableOrder = (key: JobSortKey): boolean => key !== 'duration';
