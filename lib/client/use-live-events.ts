'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { JobScope } from '@/lib/api/events-query';
import { applyLiveMessage, applyScopedJobMessage } from './live-cache';
import { queryKeys } from './query-keys';
import { recoverSession } from './session';
import type { StreamMessage, WatchKind } from '@/lib/api/watch-events';

// One EventSource per page on GET /api/events; every message patches the TanStack Query
// cache through the pure reducer, so the page never polls. The server sends a SNAPSHOT
// first on every (re)connection, which makes reconnecting always safe.

export interface LiveState {
  connection: 'connecting' | 'live' | 'reconnecting';
  /** The server's view of the cluster connection, from `status` messages. */
  cluster: { synced: boolean; reachable: boolean; reason: string | null } | null;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/** What a refused stream refetches, so the page can show why. */
const LIST_OF = { node: queryKeys.nodes.list, job: queryKeys.jobs.list, pod: queryKeys.jobs.list } as const;

/**
 * `job` narrows the job stream to one job (a detail page): its messages then only mark that
 * job's detail stale, and the job list in the cache is left alone.
 */
export function useLiveEvents(kinds: readonly WatchKind[], enabled: boolean, job?: JobScope): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ connection: 'connecting', cluster: null });
  // A string, so a new array with the same kinds does not reconnect.
  const kindsKey = kinds.join(',');
  const jobKey = job === undefined ? '' : `${job.namespace}/${job.name}`;

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const kindList = kindsKey.split(',') as WatchKind[];
    const slash = jobKey.indexOf('/');
    const scope = jobKey === '' ? undefined : { namespace: jobKey.slice(0, slash), name: jobKey.slice(slash + 1) };
    const connect = () => {
      source = new EventSource(`/api/events?kinds=${kindsKey}${scope === undefined ? '' : `&job=${encodeURIComponent(jobKey)}`}`);
      source.onopen = () => {
        failures = 0;
        setState((s) => ({ ...s, connection: 'live' }));
      };
      source.onmessage = (e: MessageEvent<string>) => {
        const message = JSON.parse(e.data) as StreamMessage<unknown>;
        if (scope === undefined) applyLiveMessage(queryClient, message);
        else applyScopedJobMessage(queryClient, scope, message);
      };
      source.addEventListener('status', (e: MessageEvent<string>) => {
        setState((s) => ({ ...s, cluster: JSON.parse(e.data) as LiveState['cluster'] }));
      });
      source.onerror = () => {
        setState((s) => ({ ...s, connection: 'reconnecting' }));
        // A refused stream (e.g. 503 while the cache syncs) is not retried by the browser:
        // retry here, and refetch the list so the page can explain the refusal.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          if (scope !== undefined) void queryClient.invalidateQueries({ queryKey: queryKeys.jobs.detail(scope.namespace, scope.name) });
          else for (const kind of kindList) void queryClient.invalidateQueries({ queryKey: LIST_OF[kind]() });
          // The refusal may be an expired sign-in (EventSource cannot see the status).
          void recoverSession();
          retry = setTimeout(connect, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
        }
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [enabled, queryClient, kindsKey, jobKey]);

  return state;
}
