// Minimal structural shapes of the Kubernetes objects the domain core reads. They are
// subsets of @kubernetes/client-node's V1Node/V1Pod/V1Job/CoreV1Event (checked in
// types.test.ts), so the core accepts those objects as they are, and also plain JSON
// from a watch stream, without depending on the client library at run time.
//
// Timestamps are `string | Date`: the client library turns them into Date objects,
// raw JSON keeps RFC 3339 strings. Where a writer is seen to send an explicit null (the
// interLink virtual kubelet's conditions and container times, the scheduler's events), the
// type says so.

export type Time = string | Date;
export type StringMap = Readonly<Record<string, string>>;

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  labels?: StringMap;
  annotations?: StringMap;
  ownerReferences?: readonly OwnerReference[];
}

export interface OwnerReference {
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Time | null;
}

export interface NodeCondition extends Condition {
  lastHeartbeatTime?: Time;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: Time;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface Node {
  metadata?: ObjectMeta;
  spec?: { taints?: readonly Taint[]; unschedulable?: boolean; providerID?: string };
  status?: {
    conditions?: readonly NodeCondition[];
    capacity?: StringMap;
    allocatable?: StringMap;
    nodeInfo?: { kubeletVersion?: string; architecture?: string };
  };
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: StringMap;
  tolerations?: readonly Toleration[];
  /** Only names and plain env values are read (the job's input travels in EVENT). */
  containers?: readonly { name: string; env?: readonly { name: string; value?: string }[] }[];
}

export interface ContainerStateTerminated {
  exitCode: number;
  reason?: string;
  message?: string;
  startedAt?: Time | null;
  finishedAt?: Time | null;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: Time | null };
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  state?: ContainerState;
  restartCount?: number;
}

export interface Pod {
  metadata?: ObjectMeta;
  spec?: PodSpec;
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: Time | null;
    conditions?: readonly Condition[];
    containerStatuses?: readonly ContainerStatus[];
  };
}

export interface Job {
  metadata?: ObjectMeta;
  spec?: {
    suspend?: boolean;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    template?: { metadata?: ObjectMeta; spec?: PodSpec };
  };
  status?: {
    active?: number;
    succeeded?: number;
    failed?: number;
    startTime?: Time;
    completionTime?: Time;
    conditions?: readonly Condition[];
  };
}

/** A core/v1 Event about the Job or its pod (or a node). */
export interface KubeEvent {
  metadata?: ObjectMeta;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: Time | null;
  firstTimestamp?: Time | null;
  eventTime?: Time | null;
  count?: number;
}

/** RFC 3339 string of a timestamp, or null when absent or unreadable. */
export function toIso(t: Time | undefined | null): string | null {
  if (t === undefined || t === null) return null;
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Milliseconds since the epoch, or null when absent or unreadable. */
export function toMillis(t: Time | undefined | null): number | null {
  const iso = toIso(t);
  return iso === null ? null : Date.parse(iso);
}

/**
 * The condition of that type; the last one when there are several. The interLink virtual
 * kubelet appends a `Ready` condition to those already there when a pod ends
 * (https://github.com/interlink-hq/interLink/blob/0.6.2/pkg/virtualkubelet/execute.go), so a
 * later entry of a type is its latest write.
 */
export function findCondition<C extends Condition>(conditions: readonly C[] | undefined, type: string): C | undefined {
  return conditions?.findLast((c) => c.type === type);
}
