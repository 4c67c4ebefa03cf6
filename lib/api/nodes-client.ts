import { apiErrorFrom } from './api-error';
import { listFromSnapshot, type CachedList } from './events-reducer';
import type { NodesResponse, NodeView } from './nodes';
import { queryKeys } from './query-keys';
import { nodeKey } from './row-keys';
import { apiFetch } from './session-client';

// The browser's side of GET /api/nodes: one cached list of node views, in the reducer's
// shape so that live messages patch it (use-live-events.ts) instead of refetching.

export type NodeList = CachedList<NodeView>;

export { nodeKey };

export async function fetchNodeList(signal?: AbortSignal): Promise<NodeList> {
  const response = await apiFetch('/api/nodes', { signal });
  if (!response.ok) throw await apiErrorFrom(response);
  // Typed, not re-parsed: the route answers with NodesResponseSchema (no zod in the page).
  const body = (await response.json()) as NodesResponse;
  return listFromSnapshot({ kind: 'node', type: 'SNAPSHOT', id: body.revision, items: [...body.virtualNodes, ...body.otherNodes] }, nodeKey);
}

/** GET /api/nodes as a query: useNodes keeps it live, useNodeChoices asks again now and then. */
export const nodeListQuery = () => ({ queryKey: queryKeys.nodes.list(), queryFn: ({ signal }: { signal: AbortSignal }) => fetchNodeList(signal), retry: false }) as const;
