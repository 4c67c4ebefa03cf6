import type { JobState } from '@/lib/interlink/jobs/job-state';

// The one factory for TanStack Query keys. Keys are hierarchical arrays, so a prefix
// addresses a family: invalidating `queryKeys.jobs.all()` refreshes every job list and
// detail, `queryKeys.jobs.lists()` every filtered list. No call site writes a key by hand.

export interface JobListFilters {
  namespace?: string;
  service?: string;
  node?: string;
  state?: JobState;
}

/** Drops unset and empty filters so that `{}` and `{ namespace: '' }` share one cache entry. */
function normalizeFilters(filters: JobListFilters): JobListFilters {
  const out: JobListFilters = {};
  if (filters.namespace) out.namespace = filters.namespace;
  if (filters.service) out.service = filters.service;
  if (filters.node) out.node = filters.node;
  if (filters.state) out.state = filters.state;
  return out;
}

export const queryKeys = {
  nodes: {
    all: () => ['nodes'] as const,
    list: () => ['nodes', 'list'] as const,
    detail: (name: string) => ['nodes', 'detail', name] as const,
  },
  jobs: {
    all: () => ['jobs'] as const,
    lists: () => ['jobs', 'list'] as const,
    list: (filters: JobListFilters = {}) => ['jobs', 'list', normalizeFilters(filters)] as const,
    details: () => ['jobs', 'detail'] as const,
    detail: (namespace: string, name: string) => ['jobs', 'detail', namespace, name] as const,
  },
  auth: {
    session: () => ['auth', 'session'] as const,
    /** '' : cluster-wide. */
    permissions: (namespace = '') => ['auth', 'permissions', namespace] as const,
  },
  services: {
    all: () => ['services'] as const,
    /** '' : every namespace the caller can see. */
    list: (namespace = '') => ['services', 'list', namespace] as const,
    detail: (namespace: string, name: string) => ['services', 'detail', namespace, name] as const,
  },
} as const;

// How often a query asks again: every few seconds until its first answer arrives (e.g. while
// the cluster is unreachable), then every `afterMs` (false: never, a stream keeps it fresh).

const UNTIL_LOADED_MS = 5_000;

export function refetchUntilLoaded(afterMs: number | false) {
  return (q: { state: { data: unknown; status: string } }): number | false =>
    q.state.data === undefined && q.state.status === 'error' ? UNTIL_LOADED_MS : afterMs;
}
