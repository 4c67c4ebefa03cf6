import type { QueryClient } from '@tanstack/react-query';

import type { JobScope } from '@/lib/api/events-query';
import { applyStreamMessage } from './events-reducer';
import type { JobList } from './jobs';
import type { JobViewDto } from '@/lib/api/jobs';
import type { NodeList } from './nodes';
import type { NodeView } from '@/lib/api/nodes';
import { queryKeys } from './query-keys';
import { jobRowKey, nodeKey } from './events-reducer';
import type { StreamMessage } from '@/lib/api/watch-events';

// Where each kind of live message lands in the TanStack Query cache: the list it patches
// through the pure reducer, and, for a job, its detail (refetched once, since the detail
// carries more than the row the message brings).

export function applyLiveMessage(client: QueryClient, message: StreamMessage<unknown>): void {
  if (message.kind === 'node') {
    client.setQueryData<NodeList>(queryKeys.nodes.list(), (old) => applyStreamMessage(old, message as StreamMessage<NodeView>, nodeKey));
  } else if (message.kind === 'job') {
    const m = message as StreamMessage<JobViewDto>;
    client.setQueryData<JobList>(queryKeys.jobs.list(), (old) => applyStreamMessage(old, m, jobRowKey));
    const detail = m.type === 'SNAPSHOT' ? queryKeys.jobs.details() : queryKeys.jobs.detail(m.object.namespace, m.object.name);
    void client.invalidateQueries({ queryKey: detail });
  }
}

/**
 * A job stream narrowed to one job (GET /api/events?kinds=job&job=ns/name, its detail page):
 * any message about it marks its detail stale; the job list is not touched, since the
 * stream's snapshot holds that one row only.
 */
export function applyScopedJobMessage(client: QueryClient, scope: JobScope, message: StreamMessage<unknown>): void {
  if (message.kind !== 'job') return;
  void client.invalidateQueries({ queryKey: queryKeys.jobs.detail(scope.namespace, scope.name) });
}
