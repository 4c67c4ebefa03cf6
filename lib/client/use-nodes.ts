'use client';

import { useQuery } from '@tanstack/react-query';

import { nodeListQuery } from './nodes';
import { refetchUntilLoaded } from './query-keys';
import { useLiveEvents } from './use-live-events';

const NODE_KINDS = ['node'] as const;

/** The node list, kept live by server-sent events once it has loaded. */
export function useNodes() {
  const query = useQuery({
    ...nodeListQuery(),
    // Live messages keep it fresh; a refetch would only repeat what the stream said.
    staleTime: Infinity,
    refetchInterval: refetchUntilLoaded(false),
  });
  const live = useLiveEvents(NODE_KINDS, query.data !== undefined);
  return { ...query, live };
}
