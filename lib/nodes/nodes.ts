import 'server-only';

import type { NodesResponse, NodeView } from '@/lib/api/nodes';
import { VIRTUAL_NODE_LABELS } from '@/lib/interlink/model/keys';
import { LIST_ALL_JOBS, LIST_ALL_PODS, LIST_NODES, authorize, isAllowed, type Identity } from '@/lib/k8s/access';

import { getLive } from '@/lib/live/live';
import { withoutJobCounts } from './node-views';

// GET /api/nodes: the node views from the shared cache, for an identity allowed to list
// nodes. Job counts are aggregated over every namespace, so they are shown only to an
// identity that may list pods and jobs in all namespaces.

export const LOOKED_FOR = [VIRTUAL_NODE_LABELS.current, VIRTUAL_NODE_LABELS.legacy].map(({ key, value }) => `${key}=${value}`);

export async function nodesFor(identity: Identity): Promise<NodesResponse> {
  await authorize(identity, LIST_NODES);
  const live = getLive();
  await live.cache.requireSynced(['nodes']);
  const redact = nodeRedaction(await mayCountJobs(identity));
  const { id, items } = live.nodes.snapshot();
  const views = items.map(redact).sort((a, b) => a.name.localeCompare(b.name));
  return {
    virtualNodes: views.filter((v) => v.kind === 'interlink'),
    otherNodes: views.filter((v) => v.kind === 'other'),
    revision: id,
    lookedFor: LOOKED_FOR,
  };
}

export async function mayCountJobs(identity: Identity): Promise<boolean> {
  const [pods, jobs] = await Promise.all([isAllowed(identity, LIST_ALL_PODS), isAllowed(identity, LIST_ALL_JOBS)]);
  return pods && jobs;
}

export function nodeRedaction(countsAllowed: boolean): (view: NodeView) => NodeView {
  return countsAllowed ? (view) => view : withoutJobCounts;
}
