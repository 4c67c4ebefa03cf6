'use client';

import { useQuery } from '@tanstack/react-query';

import { useLiveEvents } from './use-live-events';
import { nodeListQuery } from './use-node-choices';

const NODE_KINDS = ['node'] as const;

const nodeList = nodeListQuery();

/** The node list, kept live by server-sent events once it has loaded. */
export function useNodes() {
  const query = useQuery({
    ...nodeList,
    // Live messages keep it fresh; a refetch would only repeat what the stream said.
    staleTime: Infinity,
    // Until the first answer arrives (e.g. the cluster is unreachable) ask again every few
    // seconds; afterwards the stream carries everything.
    refetchInterval: (q) => (q.state.data === undefined && q.state.status === 'error' ? 5_000 : false),
  });
  const live = useLiveEvents(NODE_KINDS, query.data !== undefined);
  return { ...query, live };
}
