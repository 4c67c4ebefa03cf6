import { deriveJobState, type JobState, type JobStatus } from './job-state';
import { OSCAR_LABELS } from '../model/keys';
import { isJobOffloaded, isPodOffloaded } from './offloaded';
import { currentPod } from './pod-signals';
import { toIso, type Job, type KubeEvent, type ObjectMeta, type Pod } from '../model/types';

// One row of the job list: a Job (with its current pod), or an offloaded pod that no Job
// owns (created directly, e.g. by kubectl). This is the API's job shape (issue: GET /api/jobs).

/** Label Offload puts on what it creates; Jobs for normal nodes are listed only with it. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_OFFLOAD = 'offload';

export type JobOrigin = 'offload' | 'oscar' | 'other';

export interface JobView {
  /** `job:<ns>/<name>` or `pod:<ns>/<name>`: unique across both kinds of row. */
  key: string;
  kind: 'Job' | 'Pod';
  namespace: string;
  name: string;
  uid: string | null;
  service: string | null;
  origin: JobOrigin;
  offloaded: boolean;
  podName: string | null;
  node: string | null;
  state: JobState;
  reason: string;
  slurmJobId: string | null;
  exitCode: number | null;
  submittedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export function jobKey(namespace: string, name: string): string {
  return `job:${namespace}/${name}`;
}

export function podKey(namespace: string, name: string): string {
  return `pod:${namespace}/${name}`;
}

/** Labels the Job controller puts on its pods; the `batch.kubernetes.io/` form is current. */
const CONTROLLER_UID_LABELS = ['batch.kubernetes.io/controller-uid', 'controller-uid'] as const;

/** The uid of the Job that controls a pod, from its owner reference or the controller label. */
export function ownerJobUid(pod: Pod): string | undefined {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.kind === 'Job' && o.controller === true);
  if (owner?.uid) return owner.uid;
  const labels = pod.metadata?.labels ?? {};
  for (const key of CONTROLLER_UID_LABELS) if (labels[key]) return labels[key];
  return undefined;
}

function origin(labels: Readonly<Record<string, string>> | undefined): JobOrigin {
  if (labels?.[MANAGED_BY_LABEL] === MANAGED_BY_OFFLOAD) return 'offload';
  if (labels?.[OSCAR_LABELS.service] !== undefined) return 'oscar';
  return 'other';
}

/** Should this Job be listed? Offloaded ones always; others only when Offload created them. */
export function isListedJob(job: Job, virtualNodes: ReadonlySet<string>): boolean {
  return isJobOffloaded(job, virtualNodes) || origin(job.metadata?.labels) === 'offload';
}

/** The fields a Job row and a bare-pod row share, from the object the row is named after. */
function row(
  kind: JobView['kind'],
  meta: ObjectMeta | undefined,
  s: JobStatus,
  rest: Pick<JobView, 'service' | 'offloaded' | 'podName'>,
): JobView {
  const namespace = meta?.namespace ?? '';
  const name = meta?.name ?? '';
  return {
    key: kind === 'Job' ? jobKey(namespace, name) : podKey(namespace, name),
    kind,
    namespace,
    name,
    uid: meta?.uid ?? null,
    origin: origin(meta?.labels),
    ...rest,
    ...s,
    submittedAt: s.submittedAt ?? toIso(meta?.creationTimestamp),
  };
}

export function jobRow(job: Job, pods: readonly Pod[], events: readonly KubeEvent[], virtualNodes: ReadonlySet<string>): JobView {
  const pod = currentPod(pods);
  return row('Job', job.metadata, deriveJobState(job, pod, events), {
    service: job.metadata?.labels?.[OSCAR_LABELS.service] ?? job.spec?.template?.metadata?.labels?.[OSCAR_LABELS.service] ?? null,
    offloaded: isJobOffloaded(job, virtualNodes),
    podName: pod?.metadata?.name ?? null,
  });
}

export function podRow(pod: Pod, events: readonly KubeEvent[], virtualNodes: ReadonlySet<string>): JobView {
  return row('Pod', pod.metadata, deriveJobState(undefined, pod, events), {
    service: pod.metadata?.labels?.[OSCAR_LABELS.service] ?? null,
    offloaded: isPodOffloaded(pod, virtualNodes),
    podName: pod.metadata?.name ?? null,
  });
}
