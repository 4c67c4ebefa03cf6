import 'server-only';

import { getCache } from '@/lib/k8s/cache';

import { Registry } from './registry';

// The process's metrics, one set per process on globalThis (Next bundles routes apart).
// Watch restarts are read from the cache at scrape time rather than pushed, so the cache
// stays free of any metrics dependency.

function create() {
  const registry = new Registry();
  const metrics = {
    registry,
    requests: registry.counter('offload_http_requests_total', 'HTTP requests handled, by route, method and status.'),
    duration: registry.histogram('offload_http_request_duration_seconds', 'Time to the response head, by route, method and status.', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]),
    sseClients: registry.gauge('offload_sse_clients', 'Browsers and scripts connected to GET /api/events.'),
    sseMessages: registry.counter('offload_sse_messages_total', 'Messages written to SSE clients, by type.'),
    sseDropped: registry.counter('offload_sse_clients_dropped_total', 'SSE clients disconnected because they fell too far behind.'),
  };
  metrics.sseClients.set({}, 0);
  registry.collect(() => {
    const health = getCache().health();
    const informers = health.informers;
    return [
      {
        // offload_cache_synced stays 1 through an outage (the cache keeps what it had); this
        // one says whether the watches are connected now, so an alert can tell the two apart.
        name: 'offload_cluster_reachable',
        help: '1 while every watch is connected to the API server; 0 while it cannot be reached (the pages say so and show what was known).',
        type: 'gauge',
        samples: [{ labels: {}, value: health.reachable ? 1 : 0 }],
      },
      {
        name: 'offload_watch_restarts_total',
        help: 'Watch restarts per resource kind and reason (timeout: the server ended it; expired: 410, relisted; error: failed, retried with backoff).',
        type: 'counter',
        samples: informers.flatMap((s) => Object.entries(s.restarts).map(([reason, value]) => ({ labels: { kind: s.resource, reason }, value }))),
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
  return metrics;
}

const KEY = Symbol.for('offload.metrics');
type WithMetrics = typeof globalThis & { [KEY]?: ReturnType<typeof create> };

export function metrics(): ReturnType<typeof create> {
  const g = globalThis as WithMetrics;
  return (g[KEY] ??= create());
}
