'use client';

import { useQuery } from '@tanstack/react-query';

import { fetchNodeList } from './nodes-client';
import { queryKeys } from './query-keys';
import { useLiveEvents } from './use-live-events';

const NODE_KINDS = ['node'] as const;

/** The node list, kept live by server-sent events once it has loaded. */
export function useNodes() {
  const query = useQuery({
    queryKey: queryKeys.nodes.list(),
    queryFn: ({ signal }) => fetchNodeList(signal),
    // Live messages keep it fresh; a refetch would only repeat what the stream said.
    staleTime: Infinity,
    retry: false,
    // Until the first answer arrives (e.g. the cluster is unreachable) ask again every few
    // seconds; afterwards the stream carries everything.
    refetchInterval: (q) => (q.state.data === undefined && q.state.status === 'error' ? 5_000 : false),
  });
  const live = useLiveEvents(NODE_KINDS, query.data !== undefined);
  return { ...query, live };
}
