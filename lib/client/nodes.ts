import type { NodesResponse, NodeView } from '@/lib/api/nodes';

import { apiCall } from './api-call';
import { listFromSnapshot, nodeKey, type CachedList } from './events-reducer';
import { queryKeys } from './query-keys';

// The browser's side of GET /api/nodes: one cached list of node views, in the reducer's
// shape so that live messages patch it (use-live-events.ts) instead of refetching.

export type NodeList = CachedList<NodeView>;

export async function fetchNodeList(signal?: AbortSignal): Promise<NodeList> {
  const body = await apiCall<NodesResponse>('/api/nodes', { signal });
  return listFromSnapshot(
    { kind: 'node', type: 'SNAPSHOT', id: body.revision, items: [...body.virtualNodes, ...body.otherNodes] },
    nodeKey,
  );
}

/** GET /api/nodes as a query: useNodes keeps it live, useNodeChoices asks again now and then. */
export const nodeListQuery = () =>
  ({ queryKey: queryKeys.nodes.list(), queryFn: ({ signal }: { signal: AbortSignal }) => fetchNodeList(signal), retry: false }) as const;
