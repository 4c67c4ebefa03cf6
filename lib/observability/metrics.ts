import 'server-only';

import { Registry } from './registry';

// The process's metrics, one set per process on globalThis (Next bundles routes apart).
// Other parts add their own at scrape time (registry.collect), e.g. the shared cache
// (lib/k8s/cache-metrics.ts).

function create() {
  const registry = new Registry();
  const metrics = {
    registry,
    requests: registry.counter('offload_http_requests_total', 'HTTP requests handled, by route, method and status.'),
    duration: registry.histogram(
      'offload_http_request_duration_seconds',
      'Time to the response head, by route, method and status.',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
    sseClients: registry.gauge('offload_sse_clients', 'Browsers and scripts connected to GET /api/events.'),
    sseMessages: registry.counter('offload_sse_messages_total', 'Messages written to SSE clients, by type.'),
    sseDropped: registry.counter('offload_sse_clients_dropped_total', 'SSE clients disconnected because they fell too far behind.'),
  };
  metrics.sseClients.set({}, 0);
  return metrics;
}

const KEY = Symbol.for('offload.metrics');
type WithMetrics = typeof globalThis & { [KEY]?: ReturnType<typeof create> };

export function metrics(): ReturnType<typeof create> {
  const g = globalThis as WithMetrics;
  return (g[KEY] ??= create());
}
