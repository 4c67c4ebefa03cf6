import type { NodeView } from '@/lib/api/nodes';
import type { JobCounts } from '@/lib/interlink/nodes/node-jobs';
import { summarizeNode } from '@/lib/interlink/nodes/node-health';
import type { Node } from '@/lib/interlink/model/types';

import type { NodeHistory } from './readiness-history';

// A node as the API and the page show it: lib/interlink's health verdict plus job counts
// and readiness history. Pure. The CPU/memory *usage* the virtual kubelet reports is a
// dummy value and is deliberately not part of the view.

export interface ViewInputs {
  now: Date;
  /** Counts for this node; null when they are not known (pods or jobs not cached). */
  jobs: JobCounts | null;
  history: NodeHistory;
  downSince: NodeView['downSince'];
}

export function buildNodeView(node: Node, inputs: ViewInputs): NodeView {
  const h = summarizeNode(node, { now: inputs.now });
  return {
    name: h.name,
    kind: h.kind,
    ready: h.ready,
    readyStatus: h.readyStatus,
    reason: h.reason,
    message: h.message,
    healthy: h.healthy,
    why: h.why,
    downSince: h.healthy ? null : inputs.downSince,
    lastHeartbeat: h.lastHeartbeat,
    heartbeatAgeSeconds: h.heartbeatAgeSeconds,
    heartbeatStale: h.heartbeatStale,
    readyCondition: { status: h.readyStatus, reason: h.reason, message: h.message, lastTransition: h.readySince ?? h.notReadySince },
    connectivity: h.connectivity,
    taints: h.taints,
    labels: h.labels,
    capacity: h.capacity,
    allocatable: h.allocatable,
    accelerators: h.accelerators,
    pingKind: h.ping.kind,
    pingResources: h.pingResources,
    pingStatus: h.ping.kind === 'json' ? h.ping.status : null,
    pingPartitions: h.ping.kind === 'sinfo' ? h.ping.partitions : null,
    pingRaw: h.pingRaw,
    interlinkVersion: h.interlinkVersion,
    jobs: h.kind === 'interlink' ? inputs.jobs : null,
    history: inputs.history,
    resourceVersion: node.metadata?.resourceVersion ?? '',
  };
}

/**
 * What makes two views of a node different for a viewer: everything but the heartbeat age,
 * which the browser counts up itself from lastHeartbeat. Equal digests, no message.
 */
export function viewDigest(view: NodeView): string {
  return JSON.stringify({ ...view, heartbeatAgeSeconds: null });
}

/** Views without job counts, for callers who may not list pods and jobs everywhere. */
export function withoutJobCounts(view: NodeView): NodeView {
  return view.jobs === null ? view : { ...view, jobs: null };
}
