'use client';

import { useQuery } from '@tanstack/react-query';

import { fetchNodeList } from './nodes-client';
import { queryKeys } from './query-keys';

/** GET /api/nodes as a query; useNodes keeps it live, useNodeChoices asks again now and then. */
export const nodeListQuery = () => ({ queryKey: queryKeys.nodes.list(), queryFn: ({ signal }: { signal: AbortSignal }) => fetchNodeList(signal), retry: false }) as const;

/**
 * The node list for choosing a target (the composer): asked again every 15 s instead of
 * streamed, which keeps the event stream's code off the composer's first load
 * (docs/benchmarks.md, first-load JS). The dashboard answers it from its cache.
 */
export function useNodeChoices() {
  return useQuery({ ...nodeListQuery(), staleTime: 15_000, refetchInterval: (q) => (q.state.data === undefined && q.state.status === 'error' ? 5_000 : 15_000) });
}
