'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { fetchAllJobs, fetchJobDetail, fetchJobList, listOf } from './jobs';
import type { JobsResponse } from '@/lib/api/jobs';
import { queryKeys } from './query-keys';
import { refetchUntilLoaded } from './query-keys';
import { useLiveEvents } from './use-live-events';

// Every job row the user may see: the newest page first, then every row from the job stream's
// snapshot, kept live by `job` messages; and one job's detail, refetched when a message says
// its row changed. No polling either way.

const JOB_KINDS = ['job'] as const;

const live = {
  // Live messages keep it fresh; a refetch would only repeat what the stream said.
  staleTime: Infinity,
  retry: false,
  // Once loaded, the stream carries everything.
  refetchInterval: refetchUntilLoaded(false),
} as const;

/** How long a partial list waits for the stream before it fetches every row itself. */
const STREAM_GRACE_MS = 5_000;

/** `first`: the newest page as the server rendered it, if it did; used only while nothing is cached. */
export function useJobs(first: JobsResponse | null = null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.jobs.list(),
    queryFn: ({ signal }) => fetchJobList(signal),
    initialData: first === null ? undefined : () => listOf(first),
    ...live,
  });
  const state = useLiveEvents(JOB_KINDS, query.data !== undefined);
  const partial = query.data?.partialOf !== undefined;
  useEffect(() => {
    if (!partial || state.connection === 'live') return;
    // No stream (yet): do not leave the page at the newest page of jobs.
    const timer = setTimeout(
      () => void queryClient.fetchQuery({ queryKey: queryKeys.jobs.list(), queryFn: ({ signal }) => fetchAllJobs(signal), staleTime: 0 }),
      STREAM_GRACE_MS,
    );
    return () => clearTimeout(timer);
  }, [partial, state.connection, queryClient]);
  return { ...query, live: state };
}

export function useJobDetail(namespace: string, name: string) {
  const query = useQuery({
    queryKey: queryKeys.jobs.detail(namespace, name),
    queryFn: ({ signal }) => fetchJobDetail(namespace, name, signal),
    ...live,
  });
  // Only this job's messages: not a snapshot of every job the user may see.
  return { ...query, live: useLiveEvents(JOB_KINDS, query.data !== undefined, { namespace, name }) };
}
