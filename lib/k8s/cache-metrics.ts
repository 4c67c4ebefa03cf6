import 'server-only';

import type { Registry } from '@/lib/observability/registry';

import type { InformerStatus } from './informer';

// The shared cache's own metrics, read from its health at scrape time rather than pushed.

export interface CacheHealth {
  /** Every kind has completed its first list. */
  synced: boolean;
  /** Every watch is connected (no failure since the last success). */
  reachable: boolean;
  /** Why the cache is not ready, as a sentence; null when ready. */
  reason: string | null;
  informers: InformerStatus[];
}

export function registerCacheMetrics(registry: Registry, healthOf: () => CacheHealth): void {
  registry.collect(() => {
    const health = healthOf();
    const informers = health.informers;
    return [
      {
        // offload_cache_synced stays 1 through an outage (the cache keeps what it had); this
        // one says whether the watches are connected now, so an alert can tell the two apart.
        name: 'offload_cluster_reachable',
        help:
          '1 while every watch is connected to the API server; 0 while it cannot be reached (the ' +
          'pages say so and show what was known).',
        type: 'gauge',
        samples: [{ labels: {}, value: health.reachable ? 1 : 0 }],
      },
      {
        name: 'offload_watch_restarts_total',
        help:
          'Watch restarts per resource kind and reason (timeout: the server ended it; expired: 410, ' +
          'relisted; error: failed, retried with backoff).',
        type: 'counter',
        samples: informers.flatMap((s) =>
          Object.entries(s.restarts).map(([reason, value]) => ({ labels: { kind: s.resource, reason }, value })),
        ),
      },
      {
        name: 'offload_cache_synced',
        help: '1 when the kind has completed its first list.',
        type: 'gauge',
        samples: informers.map((s) => ({ labels: { kind: s.resource }, value: s.synced ? 1 : 0 })),
      },
      {
        name: 'offload_cache_objects',
        help: 'Objects held in the shared cache, per kind.',
        type: 'gauge',
        samples: informers.map((s) => ({ labels: { kind: s.resource }, value: s.items })),
      },
    ];
  });
}
