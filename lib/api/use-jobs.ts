'use client';

import { useQuery } from '@tanstack/react-query';

import { fetchJobDetail, fetchJobList } from './jobs-client';
import { queryKeys } from './query-keys';
import { useLiveEvents } from './use-live-events';

// Every job row the user may see, fetched once and then kept live by `job` messages; and
// one job's detail, refetched when a message says its row changed. No polling either way.

const JOB_KINDS = ['job'] as const;

const live = {
  // Live messages keep it fresh; a refetch would only repeat what the stream said.
  staleTime: Infinity,
  retry: false,
  // Until the first answer arrives ask again every few seconds; afterwards the stream carries everything.
  refetchInterval: (q: { state: { data: unknown; status: string } }) => (q.state.data === undefined && q.state.status === 'error' ? 5_000 : false),
} as const;

export function useJobs() {
  const query = useQuery({ queryKey: queryKeys.jobs.list(), queryFn: ({ signal }) => fetchJobList(signal), ...live });
  return { ...query, live: useLiveEvents(JOB_KINDS, query.data !== undefined) };
}

export function useJobDetail(namespace: string, name: string) {
  const query = useQuery({ queryKey: queryKeys.jobs.detail(namespace, name), queryFn: ({ signal }) => fetchJobDetail(namespace, name, signal), ...live });
  // Only this job's messages: not a snapshot of every job the user may see.
  return { ...query, live: useLiveEvents(JOB_KINDS, query.data !== undefined, { namespace, name }) };
}
