import 'server-only';

import type { Job, KubeEvent, Node, Pod } from '@/lib/interlink/model/types';
import { count } from '@/lib/format/plural';
import { errorText, log } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';

import { loadServerConnection, type Connection } from './config';
import { Forbidden, Unauthorized, Unavailable, type KubeError } from '@/lib/errors';

import { registerCacheMetrics, type CacheHealth } from './cache-metrics';
import { Informer, type InformerStatus } from './informer';
import { RESOURCES, RESOURCE_NAMES, type ResourceName } from './resources';

// The one shared watch cache of this process: one informer per resource kind, started on
// first use, read by every request and every SSE client. It lives on globalThis so that
// Next's separately bundled routes and dev-mode reloads share one instance instead of
// each opening its own watches.

interface Kinds {
  nodes: Node;
  pods: Pod;
  jobs: Job;
  events: KubeEvent;
}

export type { CacheHealth };

export class ClusterCache {
  readonly startedAt = new Date().toISOString();
  private readonly informers: { [K in ResourceName]: Informer<Kinds[K]> } | null;

  constructor(
    readonly connection: Connection | null,
    private readonly configError: string | null,
  ) {
    this.informers =
      connection === null
        ? null
        : {
            nodes: new Informer<Node>(connection, 'nodes', RESOURCES.nodes),
            pods: new Informer<Pod>(connection, 'pods', RESOURCES.pods),
            jobs: new Informer<Job>(connection, 'jobs', RESOURCES.jobs),
            events: new Informer<KubeEvent>(connection, 'events', RESOURCES.events),
          };
    for (const name of RESOURCE_NAMES) this.informers?.[name].start();
  }

  /** The informer of one kind; throws Unavailable when no cluster is configured. */
  informer<K extends ResourceName>(name: K): Informer<Kinds[K]> {
    if (this.informers === null) throw new Unavailable(this.configError ?? 'No cluster is configured.');
    return this.informers[name];
  }

  /**
   * Waits until the given kinds are synced. Throws the reason they are not: Forbidden or
   * Unauthorized when the server's own identity is refused, Unavailable otherwise.
   */
  async requireSynced(names: readonly ResourceName[], timeoutMs = 10_000): Promise<void> {
    const informers = names.map((n) => this.informer(n));
    // Already failing before its first sync: say so now rather than after the timeout.
    const failing = informers.find((i) => !i.status().synced && i.status().lastError !== null);
    if (failing !== undefined) throw notSyncedError(failing.status());
    const synced = await Promise.all(informers.map((i) => i.whenSynced(timeoutMs)));
    const stuck = informers.find((_, index) => !synced[index]);
    if (stuck !== undefined) throw notSyncedError(stuck.status());
  }

  health(): CacheHealth {
    if (this.informers === null) return { synced: false, reachable: false, reason: this.configError, informers: [] };
    const informers = RESOURCE_NAMES.map((n) => this.informer(n).status());
    const unsynced = informers.find((s) => !s.synced);
    const failing = informers.find((s) => s.failures > 0);
    const reason = unsynced !== undefined ? notSyncedError(unsynced).message : failing !== undefined ? failingReason(failing) : null;
    return { synced: unsynced === undefined, reachable: failing === undefined, reason, informers };
  }

  stop(): void {
    for (const name of RESOURCE_NAMES) this.informers?.[name].stop();
  }
}

function notSyncedError(s: InformerStatus): KubeError {
  const error = s.lastError;
  if (error === null) return new Unavailable(`The cache of ${s.resource} is still loading from the cluster.`);
  if (error.code === 'forbidden') return new Forbidden(`The dashboard's own identity may not list ${s.resource}: ${error.message}`);
  if (error.code === 'unauthorized')
    return new Unauthorized(`The dashboard's own credentials were rejected while listing ${s.resource}: ${error.message}`);
  return new Unavailable(
    `The cluster is unreachable, so ${s.resource} cannot be loaded (${count(s.failures, 'attempt')} so far): ${error.message}`,
  );
}

function failingReason(s: InformerStatus): string {
  const why = s.lastError?.message ?? 'unknown error';
  return `The watch of ${s.resource} has failed ${count(s.failures, 'time')} in a row; retrying: ${why}`;
}

const KEY = Symbol.for('offload.clusterCache');
type WithCache = typeof globalThis & { [KEY]?: ClusterCache };

/** The process-wide cache, created and started on first call. */
export function getCache(): ClusterCache {
  const g = globalThis as WithCache;
  if (g[KEY] === undefined) {
    let connection: Connection | null = null;
    let configError: string | null = null;
    try {
      connection = loadServerConnection();
      log.info('cluster connection', { server: connection.server, source: connection.source });
    } catch (err) {
      configError = errorText(err);
      log.error('no cluster connection', { err: configError });
    }
    const cache = new ClusterCache(connection, configError);
    registerCacheMetrics(metrics().registry, () => cache.health());
    g[KEY] = cache;
  }
  return g[KEY];
}
