import { deriveJobState, type JobState } from './job-state';
import { isJobOffloaded, isPodOffloaded, targetVirtualNode } from './offloaded';
import { currentPod } from './pod-signals';
import type { Job, Pod } from './types';

// How many offloaded jobs each virtual node carries, by job state. A Job counts once, in
// the state deriveJobState gives it from the Job and its current pod; an offloaded pod
// that no Job owns (created directly) counts as a job of its own.

export type JobCounts = Partial<Record<JobState, number>>;

/** Labels the Job controller puts on its pods; the `batch.kubernetes.io/` form is current. */
const CONTROLLER_UID_LABELS = ['batch.kubernetes.io/controller-uid', 'controller-uid'] as const;

function controllerUid(pod: Pod): string | undefined {
  const labels = pod.metadata?.labels ?? {};
  for (const key of CONTROLLER_UID_LABELS) if (labels[key]) return labels[key];
  return undefined;
}

export function countJobsByNode(
  jobs: readonly Job[],
  pods: readonly Pod[],
  virtualNodes: ReadonlySet<string>,
): Map<string, JobCounts> {
  const podsByJob = new Map<string, Pod[]>();
  const unowned: Pod[] = [];
  for (const pod of pods) {
    const uid = controllerUid(pod);
    if (uid === undefined) unowned.push(pod);
    else podsByJob.set(uid, [...(podsByJob.get(uid) ?? []), pod]);
  }
  const counts = new Map<string, JobCounts>();
  const add = (node: string | undefined, state: JobState) => {
    if (node === undefined) return;
    const c = counts.get(node) ?? {};
    c[state] = (c[state] ?? 0) + 1;
    counts.set(node, c);
  };
  for (const job of jobs) {
    if (!isJobOffloaded(job, virtualNodes)) continue;
    const pod = currentPod(podsByJob.get(job.metadata?.uid ?? '') ?? []);
    const node = targetVirtualNode(pod?.spec, virtualNodes) ?? targetVirtualNode(job.spec?.template?.spec, virtualNodes);
    add(node, deriveJobState(job, pod).state);
  }
  for (const pod of unowned) {
    if (!isPodOffloaded(pod, virtualNodes)) continue;
    add(targetVirtualNode(pod.spec, virtualNodes), deriveJobState(undefined, pod).state);
  }
  return counts;
}
