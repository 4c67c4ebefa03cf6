'use client';

import { useQuery } from '@tanstack/react-query';

import { nodeListQuery } from './nodes';
import { refetchUntilLoaded } from './query-keys';

/**
 * The node list for choosing a target (the composer): asked again every 15 s instead of
 * streamed, which keeps the event stream's code off the composer's first load
 * (docs/benchmarks.md, first-load JS). The dashboard answers it from its cache.
 */
export function useNodeChoices() {
  return useQuery({ ...nodeListQuery(), staleTime: 15_000, refetchInterval: refetchUntilLoaded(15_000) });
}
