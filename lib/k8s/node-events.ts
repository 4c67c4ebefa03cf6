import 'server-only';

import { errorText, log } from '@/lib/observability/log';

import type { Connection } from './config';
import { requestJson } from './http';

// A virtual node's readiness changes, recorded as Kubernetes Events on the Node, so that a
// history of them outlives this server (issue #18: the nodes' own records, not a server's
// memory). The record Kubernetes keeps is thin for interLink's nodes: the node controller
// writes NodeNotReady when it sees Ready turn false, but no one writes NodeReady (a kubelet
// would; the virtual kubelet does not), and the virtual kubelet rewrites every condition's
// lastTransitionTime with each status update (about every 30 s), so the condition does not
// say when the node recovered either. Events expire with the API server's --event-ttl (1 h).

export const READINESS_EVENT_SOURCE = 'offload-dashboard';

let refusedOnce = false;

export async function recordReadinessEvent(
  conn: Connection,
  node: { name: string; uid: string },
  healthy: boolean,
  why: string | null,
  at: string,
): Promise<void> {
  const body = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { generateName: `${node.name}.offload-`, namespace: 'default' },
    involvedObject: { apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid },
    reason: healthy ? 'NodeReady' : 'NodeNotReady',
    message: healthy
      ? `Node ${node.name} status is now: NodeReady (seen by Offload)`
      : `Node ${node.name} status is now: NodeNotReady (seen by Offload): ${why ?? 'not ready'}`,
    type: healthy ? 'Normal' : 'Warning',
    source: { component: READINESS_EVENT_SOURCE },
    reportingComponent: READINESS_EVENT_SOURCE,
    reportingInstance: process.env.OFFLOAD_INSTANCE_ID ?? '',
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
  };
  try {
    await requestJson(conn, '/api/v1/namespaces/default/events', { method: 'POST', body });
  } catch (err) {
    // Without `create events` (an older chart) the history is this server's memory, as before.
    if (!refusedOnce) log.warn('could not record a node readiness change as an Event', { node: node.name, err: errorText(err) });
    refusedOnce = true;
  }
}
