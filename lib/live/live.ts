import 'server-only';

import { getCache } from '@/lib/k8s/cache';

import { MessageBus, type LiveStatus } from './bus';
import { JobFeed } from './job-feed';
import { NodeFeed } from './node-feed';

// The process's live layer, built once on the shared cache and kept on globalThis like it:
// the bus every SSE client subscribes to, and the feeds that publish on it.

const STATUS_CHECK_MS = 2_000;

function create() {
  const cache = getCache();
  const bus = new MessageBus();
  const jobs = new JobFeed(cache, bus);
  const nodes = new NodeFeed(cache, bus, () => jobs.index.list());
  let last = '';
  const status = (): LiveStatus => {
    const h = cache.health();
    return { synced: h.synced, reachable: h.reachable, reason: h.reason };
  };
  // Cluster reachability changes without any watch event (that is the point), so it is polled
  // from the cache's own state, which costs no API-server request.
  setInterval(() => {
    const now = status();
    const key = JSON.stringify(now);
    if (key !== last) bus.publishStatus(now);
    last = key;
  }, STATUS_CHECK_MS).unref();
  return { cache, bus, nodes, jobs, status };
}

const KEY = Symbol.for('offload.live');
type WithLive = typeof globalThis & { [KEY]?: ReturnType<typeof create> };

export function getLive(): ReturnType<typeof create> {
  const g = globalThis as WithLive;
  return (g[KEY] ??= create());
}
