import { apiErrorFrom } from './error-body';
import { listFromSnapshot, type CachedList } from './events-reducer';
import { NodesResponseSchema, type NodeView } from './nodes';
import { apiFetch } from './session-client';

// The browser's side of GET /api/nodes: one cached list of node views, in the reducer's
// shape so that live messages patch it (use-live-events.ts) instead of refetching.

export type NodeList = CachedList<NodeView>;

export const nodeKey = (view: NodeView): string => view.name;

export async function fetchNodeList(signal?: AbortSignal): Promise<NodeList> {
  const response = await apiFetch('/api/nodes', { signal });
  if (!response.ok) throw await apiErrorFrom(response);
  const body = NodesResponseSchema.parse(await response.json());
  return listFromSnapshot({ kind: 'node', type: 'SNAPSHOT', id: body.revision, items: [...body.virtualNodes, ...body.otherNodes] }, nodeKey);
}
