import { JobIndex } from '../jobs/job-index';
import type { JobState } from '../jobs/job-state';
import type { JobView } from '../jobs/job-view';
import type { Job, Pod } from '../model/types';

// How many offloaded jobs each virtual node carries, by job state. Counted from the job
// rows (job-index.ts), so a Job counts once, in the state of its current pod, and an
// offloaded pod that no Job owns counts as a job of its own — exactly as the job list.

export type JobCounts = Partial<Record<JobState, number>>;

export function countRowsByNode(rows: Iterable<JobView>, virtualNodes: ReadonlySet<string>): Map<string, JobCounts> {
  const counts = new Map<string, JobCounts>();
  for (const row of rows) {
    if (!row.offloaded || row.node === null || !virtualNodes.has(row.node)) continue;
    const c = counts.get(row.node) ?? {};
    c[row.state] = (c[row.state] ?? 0) + 1;
    counts.set(row.node, c);
  }
  return counts;
}

/** The same counts from raw objects (for callers without a live index). */
export function countJobsByNode(jobs: readonly Job[], pods: readonly Pod[], virtualNodes: ReadonlySet<string>): Map<string, JobCounts> {
  const index = new JobIndex();
  index.setVirtualNodes(virtualNodes);
  for (const job of jobs) index.upsertJob(job);
  for (const pod of pods) index.upsertPod(pod);
  return countRowsByNode(index.list(), virtualNodes);
}
