'use client';

import { useMemo, useState } from 'react';

import { JobsFilters, type JobFilters } from '@/components/jobs/jobs-filters';
import { JobsTable, type Sort } from '@/components/jobs/jobs-table';
import { LiveIndicator } from '@/components/live-indicator';
import { ClusterBanner } from '@/components/nodes/states';
import { ApiError } from '@/lib/api/api-error';
import type { JobsResponse } from '@/lib/api/jobs';
import { compareJobs, matchesJob } from '@/lib/api/jobs-query';
import { useJobs } from '@/lib/client/use-jobs';
import { count } from '@/lib/format/plural';
import { useNow } from '@/lib/format/use-now';
import { TONE } from '@/components/ui/tones';

// Every job the user may see, held in the browser and kept live by server-sent events;
// filtering and sorting run here with the same pure functions as GET /api/jobs.

const NO_FILTERS: JobFilters = { state: '', service: '', node: '', q: '' };

/** `first`: the newest page of rows rendered with the HTML (null: fetch it here); `renderedAt`: the server's clock then. */
export function JobsPageClient({ first, renderedAt }: { first: JobsResponse | null; renderedAt: number }) {
  const { data, error, live } = useJobs(first);
  const now = useNow(5_000, renderedAt);
  const [filters, setFilters] = useState<JobFilters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: 'submittedAt', order: 'desc' });
  const items = data?.items;
  const options = useMemo(() => distinctOptions(items ?? []), [items]);
  // Only a sort by duration depends on the clock; other sorts do not redo 10,000 rows per tick.
  const sortNow = sort.key === 'duration' ? now : 0;
  // Sorted once per change of the rows or the order; a keystroke in the search only filters
  // (filtering keeps the order), so typing never sorts 10,000 rows.
  const sorted = useMemo(() => [...(items ?? [])].sort(compareJobs(sort.key, sort.order, sortNow)), [items, sort, sortNow]);
  const rows = useMemo(() => {
    const f = {
      namespace: undefined,
      state: filters.state === '' ? undefined : [filters.state],
      service: filters.service || undefined,
      node: filters.node || undefined,
      q: filters.q.trim() || undefined,
    };
    return sorted.filter((r) => matchesJob(r, f));
  }, [sorted, filters]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
        {data !== undefined && <LiveIndicator connection={live.connection} />}
      </div>
      {data !== undefined && live.cluster?.reachable === false && <ClusterBanner reason={live.cluster.reason} />}
      {data === undefined && error === null && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Loading jobs from the cluster…
        </p>
      )}
      {data === undefined && error !== null && (
        <div role="alert" className={`rounded-lg border p-4 ${TONE.error}`}>
          <h2 className="font-semibold">The jobs could not be loaded</h2>
          <p className="mt-1 text-sm">{error instanceof ApiError ? error.message : 'The dashboard server could not be reached.'}</p>
        </div>
      )}
      {data !== undefined && (
        <>
          {/* Filters work on every row, so they wait for the complete list (a moment after the first page). */}
          <JobsFilters
            value={filters}
            onChange={setFilters}
            services={options.services}
            nodes={options.nodes}
            disabled={data.partialOf !== undefined}
          />
          <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="jobs-count" aria-live="polite">
            {data.partialOf !== undefined
              ? `The newest ${data.items.length.toLocaleString('en')} of ${count(data.partialOf, 'job')}; loading the rest…`
              : rows.length === data.items.length
                ? count(rows.length, 'job')
                : `${rows.length.toLocaleString('en')} of ${count(data.items.length, 'job')}`}
          </p>
          <JobsTable rows={rows} sort={sort} onSort={setSort} now={now} />
        </>
      )}
    </div>
  );
}

function distinctOptions(items: ReadonlyArray<{ service: string | null; node: string | null }>) {
  const services = new Set<string>();
  const nodes = new Set<string>();
  for (const r of items) {
    if (r.service !== null) services.add(r.service);
    if (r.node !== null) nodes.add(r.node);
  }
  return { services: [...services].sort(), nodes: [...nodes].sort() };
}
