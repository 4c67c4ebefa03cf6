import {
  ACCELERATOR_RESOURCES,
  INTERLINK_CONNECTIVITY_CONDITION,
  NODE_LABELS,
  PING_RESPONSE_ANNOTATION,
  type AcceleratorResource,
} from '../model/keys';
import { classifyNode, type NodeKind } from './node-kind';
import { parsePingResponse, type PingAnswer, type PingResources } from './ping';
import { findCondition, toIso, toMillis, type Node, type NodeCondition } from '../model/types';

// Health of a node as the interLink virtual kubelet reports it. Its health loop
// (https://github.com/interlink-hq/interLink/blob/0.6.2/pkg/virtualkubelet/virtualkubelet.go)
// pings the interLink API every 30 s and rewrites every condition each time:
// Ready + InterlinkConnectivity True/InterlinkPingSuccessful on success, Ready False +
// InterlinkConnectivity False/InterlinkPingFailed ("Ping failed ...") on failure. Before
// the first ping only Ready=False and NetworkUnavailable=True exist.
//
// Deliberately absent: CPU/memory *usage*. The virtual kubelet reports a dummy value there,
// so showing it would mislead. Capacity/allocatable are configuration and are shown.

export type ConditionStatus = 'True' | 'False' | 'Unknown' | 'Absent';

export interface ConditionView {
  status: ConditionStatus;
  reason: string | null;
  message: string | null;
  lastTransition: string | null;
}

export interface AcceleratorView {
  resource: AcceleratorResource;
  capacity: string | null;
  allocatable: string | null;
  /** From the node's model label (e.g. `nvidia-gpu-type`), when set. */
  model: string | null;
}

export interface NodeHealth {
  name: string;
  kind: NodeKind;
  /** Ready condition is True. Its reason is informational only: interLink leaves it at `KubeletPending`. */
  ready: boolean;
  readyStatus: ConditionStatus;
  reason: string | null;
  message: string | null;
  /** Ready's lastTransitionTime. interLink renews it on every ping, so read it as "confirmed at". */
  readySince: string | null;
  notReadySince: string | null;
  /** Newest lastHeartbeatTime over all conditions: the last sign of life. */
  lastHeartbeat: string | null;
  heartbeatAgeSeconds: number | null;
  heartbeatStale: boolean;
  /** Ready, connected and heartbeat fresh. */
  healthy: boolean;
  /** Why the node is not healthy, as one sentence; null when healthy. */
  why: string | null;
  connectivity: ConditionView;
  taints: Array<{ key: string; value: string | null; effect: string }>;
  labels: Record<string, string>;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  accelerators: AcceleratorView[];
  /** The plugin's last ping answer (see ping.ts): none, JSON resources, sinfo partitions or text. */
  ping: PingAnswer;
  /** The resources of a JSON answer; null for any other. */
  pingResources: PingResources | null;
  pingRaw: string | null;
  /** The virtual kubelet reports the interLink release as its kubelet version. */
  interlinkVersion: string | null;
}

export interface HealthOptions {
  now: Date;
  /**
   * Heartbeat age after which the node is called stale. The health loop beats every 30 s;
   * four missed beats is a clear stop, well below the 300 s node lease.
   */
  staleAfterSeconds?: number;
}

export const DEFAULT_STALE_AFTER_SECONDS = 120;

export function readCondition(conditions: readonly NodeCondition[] | undefined, type: string): ConditionView {
  const c = findCondition(conditions, type);
  if (c === undefined) return { status: 'Absent', reason: null, message: null, lastTransition: null };
  const status: ConditionStatus = c.status === 'True' || c.status === 'False' ? c.status : 'Unknown';
  return {
    status,
    reason: nonEmpty(c.reason),
    message: nonEmpty(c.message),
    lastTransition: toIso(c.lastTransitionTime),
  };
}

export function summarizeNode(node: Node, options: HealthOptions): NodeHealth {
  const conditions = node.status?.conditions;
  const ready = readCondition(conditions, 'Ready');
  const connectivity = readCondition(conditions, INTERLINK_CONNECTIVITY_CONDITION);
  const lastBeat = newestHeartbeat(conditions);
  const age = lastBeat === null ? null : Math.max(0, Math.round((options.now.getTime() - lastBeat) / 1000));
  const kind = classifyNode(node);
  // Only the virtual kubelet beats every 30 s; a real kubelet may post unchanged status
  // only every few minutes, so staleness is judged for virtual nodes alone.
  const stale = kind === 'interlink' && age !== null && age > (options.staleAfterSeconds ?? DEFAULT_STALE_AFTER_SECONDS);
  const pingRaw = node.metadata?.annotations?.[PING_RESPONSE_ANNOTATION] ?? null;
  const ping = parsePingResponse(pingRaw);
  const labels = { ...(node.metadata?.labels ?? {}) };
  const capacity = { ...(node.status?.capacity ?? {}) };
  const allocatable = { ...(node.status?.allocatable ?? {}) };
  const why = explainNotHealthy(kind, ready, connectivity, stale ? age : null);
  return {
    name: node.metadata?.name ?? '',
    kind,
    ready: ready.status === 'True',
    readyStatus: ready.status,
    reason: ready.reason,
    message: ready.message,
    readySince: ready.status === 'True' ? ready.lastTransition : null,
    notReadySince: ready.status === 'True' ? null : ready.lastTransition,
    lastHeartbeat: lastBeat === null ? null : new Date(lastBeat).toISOString(),
    heartbeatAgeSeconds: age,
    heartbeatStale: stale,
    healthy: why === null,
    why,
    connectivity,
    taints: (node.spec?.taints ?? []).map((t) => ({ key: t.key, value: nonEmpty(t.value), effect: t.effect })),
    labels,
    capacity,
    allocatable,
    accelerators: readAccelerators(capacity, allocatable, labels),
    ping,
    pingResources: ping.kind === 'json' ? ping.resources : null,
    pingRaw: nonEmpty(pingRaw ?? undefined),
    interlinkVersion: nonEmpty(node.status?.nodeInfo?.kubeletVersion),
  };
}

/**
 * One sentence for why a node cannot take offloaded work, or null when it can. Keys on
 * condition status and InterlinkConnectivity, never on Ready's reason (stays
 * `KubeletPending` even when True), and checks liveness first: a stopped virtual kubelet
 * leaves its last conditions behind, so they mean nothing once the heartbeat is stale.
 */
export function explainNotHealthy(
  kind: NodeKind,
  ready: ConditionView,
  connectivity: ConditionView,
  staleForSeconds: number | null,
): string | null {
  if (kind === 'other') {
    if (ready.status === 'True') return null;
    return `node not ready: ${ready.message ?? ready.reason ?? (ready.status === 'Absent' ? 'no status reported yet' : 'no reason given')}`;
  }
  if (staleForSeconds !== null) {
    return `node heartbeat stale for ${staleForSeconds} s: the virtual kubelet has stopped reporting`;
  }
  if (ready.status === 'Unknown') {
    return `node status unknown: ${ready.message ?? 'the virtual kubelet has stopped reporting'}`;
  }
  if (connectivity.status === 'False') return explainPingFailure(connectivity.message);
  if (ready.status === 'Absent') return 'virtual kubelet starting: no status reported yet';
  if (ready.status === 'False') {
    if (connectivity.status === 'Absent' || connectivity.status === 'Unknown') {
      return 'virtual kubelet starting: no ping yet';
    }
    return `node not ready: ${ready.message ?? ready.reason ?? 'no reason given'}`;
  }
  return null;
}

/**
 * The virtual kubelet's ping failure in words. Its message is "Ping failed: <transport error>"
 * when the interLink API cannot be reached, and "Ping failed with code <n>. Response: <body>"
 * when the API answered but not 200: interLink 0.6.2 answers 503 when its plugin does not
 * (pkg/interlink/api/ping.go; the virtual kubelet then reports code -1 and the body "503").
 */
// Over http://, interLink 0.6.2's API closes a connection idle for its 30 s ReadTimeout
// (cmd/interlink/main.go: no IdleTimeout, so Go uses ReadTimeout) and the virtual kubelet pings
// on a kept-alive connection every 30 s (pkg/virtualkubelet/virtualkubelet.go nodeUpdate): now
// and then the ping meets the closing connection (docs/operations.md has how often). Go's client
// words it three ways, depending on when the close arrives.
const CLOSED_IDLE = /pinglink": (EOF|read tcp \S+: read: connection reset by peer|http: server closed idle connection)$/;

export function explainPingFailure(message: string | null): string {
  if (message === null) return 'interLink API unreachable: Ping failed';
  const answered = /Response:\s*(\d{3})\b/.exec(message)?.[1] ?? /^Ping failed with code ([1-5]\d\d)\b/.exec(message)?.[1];
  if (answered !== undefined && answered.startsWith('5')) {
    return `interLink's plugin is not answering: the interLink API answered ${answered} to the ping (${message})`;
  }
  if (answered !== undefined) return `interLink refused the ping with HTTP ${answered} (${message})`;
  if (CLOSED_IDLE.test(message)) {
    return (
      `the interLink API closed the connection as the ping reused it (${message}): usually a one-off, ` +
      'the next ping in 30 s succeeds; if it repeats, the interLink API is restarting or failing'
    );
  }
  return `interLink API unreachable: ${message}`;
}

function newestHeartbeat(conditions: readonly NodeCondition[] | undefined): number | null {
  let newest: number | null = null;
  for (const c of conditions ?? []) {
    const t = toMillis(c.lastHeartbeatTime);
    if (t !== null && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

const MODEL_LABEL: Partial<Record<AcceleratorResource, string>> = {
  'nvidia.com/gpu': NODE_LABELS.nvidiaGpuType,
  'xilinx.com/fpga': NODE_LABELS.xilinxFpgaType,
  'intel.com/fpga': NODE_LABELS.intelFpgaType,
};

/** Accelerators the node advertises; the virtual kubelet lists them only when non-zero. */
function readAccelerators(
  capacity: Record<string, string>,
  allocatable: Record<string, string>,
  labels: Record<string, string>,
): AcceleratorView[] {
  return ACCELERATOR_RESOURCES.filter((r) => isPositive(capacity[r]) || isPositive(allocatable[r])).map((resource) => {
    const modelLabel = MODEL_LABEL[resource];
    return {
      resource,
      capacity: capacity[resource] ?? null,
      allocatable: allocatable[resource] ?? null,
      model: modelLabel === undefined ? null : nonEmpty(labels[modelLabel]),
    };
  });
}

function isPositive(quantity: string | undefined): boolean {
  return quantity !== undefined && /^\d+$/.test(quantity) && Number(quantity) > 0;
}

function nonEmpty(s: string | undefined): string | null {
  return s === undefined || s === '' ? null : s;
}
