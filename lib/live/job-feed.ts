import 'server-only';

import { createHash } from 'node:crypto';

import { JobIndex, type RowChange } from '@/lib/interlink/jobs/job-index';
import type { JobView } from '@/lib/interlink/jobs/job-view';
import { isInterlinkNode } from '@/lib/interlink/nodes/node-kind';
import type { ClusterCache } from '@/lib/k8s/cache';
import type { Change } from '@/lib/k8s/store';

import type { MessageBus } from './bus';

// The job list of this process: one JobIndex fed by the shared cache's jobs, pods, events
// and nodes, updated incrementally on every watch change (never rebuilt per request), and
// a `job` message on the bus for every row that changes. GET /api/jobs reads the index;
// SSE clients get the messages, filtered per client by namespace permission.

export class JobFeed {
  readonly index = new JobIndex();
  /** Keys already announced, so a first message says ADDED and later ones MODIFIED. */
  private readonly published = new Set<string>();

  constructor(
    cache: ClusterCache,
    private readonly bus: MessageBus,
  ) {
    const nodes = cache.informer('nodes');
    const jobs = cache.informer('jobs');
    const pods = cache.informer('pods');
    const events = cache.informer('events');
    // Whatever is cached already (the cache may have started at boot) seeds the index
    // silently: nobody can hold a snapshot older than this feed.
    this.index.setVirtualNodes(virtualNodeNames(nodes.store.list()));
    for (const j of jobs.store.list()) this.index.upsertJob(j);
    for (const p of pods.store.list()) this.index.upsertPod(p);
    for (const e of events.store.list()) this.index.addEvent(e);
    for (const row of this.index.list()) this.published.add(row.key);

    nodes.onChange(() => this.publish(this.index.setVirtualNodes(virtualNodeNames(nodes.store.list()))));
    jobs.onChange((changes) =>
      this.apply(
        changes,
        (j) => this.index.upsertJob(j),
        (j) => this.index.deleteJob(j),
      ),
    );
    pods.onChange((changes) =>
      this.apply(
        changes,
        (p) => this.index.upsertPod(p),
        (p) => this.index.deletePod(p),
      ),
    );
    // Deleted Events only expire; the rows keep what they said.
    events.onChange((changes) =>
      this.apply(
        changes,
        (e) => this.index.addEvent(e),
        () => [],
      ),
    );
  }

  /** Every row and the id of the last message they include. Rows are shared: do not modify. */
  snapshot(): { id: number; rows: Iterable<JobView> } {
    return { id: this.bus.currentId, rows: this.index.list() };
  }

  private apply<T>(changes: readonly Change<T>[], upsert: (o: T) => RowChange[], remove: (o: T) => RowChange[]): void {
    for (const c of changes) this.publish(c.type === 'DELETED' ? remove(c.object) : upsert(c.object));
  }

  private publish(changes: readonly RowChange[]): void {
    for (const c of changes) {
      const known = this.published.has(c.row.key);
      if (c.type === 'delete') this.published.delete(c.key);
      else this.published.add(c.row.key);
      const type = c.type === 'delete' ? 'DELETED' : known ? 'MODIFIED' : 'ADDED';
      this.bus.publishWatch({ kind: 'job', type, key: c.row.key, resourceVersion: version(c.row), object: c.row });
    }
  }
}

function virtualNodeNames(nodes: readonly { metadata?: { name?: string; labels?: Readonly<Record<string, string>> } }[]): Set<string> {
  return new Set(nodes.filter(isInterlinkNode).map((n) => n.metadata?.name ?? ''));
}

/** The row changed (the index only reports real changes); the browser compares this for equality only. */
function version(row: JobView): string {
  return createHash('sha1').update(JSON.stringify(row)).digest('base64url').slice(0, 16);
}
