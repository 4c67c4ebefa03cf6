import 'server-only';

import { createHash } from 'node:crypto';

import type { NodeView } from '@/lib/api/nodes';
import type { JobView } from '@/lib/interlink/jobs/job-view';
import { countRowsByNode, type JobCounts } from '@/lib/interlink/nodes/node-jobs';
import { isInterlinkNode } from '@/lib/interlink/nodes/node-kind';
import { recordReadinessEvent } from '@/lib/k8s/node-events';
import type { ClusterCache } from '@/lib/k8s/cache';

import type { MessageBus } from './bus';
import { buildNodeView, viewDigest } from '../nodes/node-views';
import { ReadinessHistory } from '../nodes/readiness-history';

// Keeps the node views current from the shared cache and publishes a `node` message
// whenever one changes for a viewer: a node watch event, a change in the jobs on it, a
// readiness Event, or its heartbeat going stale (checked on a tick, since a dead virtual
// kubelet sends no event at all). Recomputation is coalesced: node changes within the same
// tick, pod/job bursts within a quarter second.

const POD_JOB_DELAY_MS = 250;
const STALENESS_TICK_MS = 5_000;

export class NodeFeed {
  private readonly views = new Map<string, { view: NodeView; digest: string }>();
  private readonly history: ReadinessHistory;
  private counts: Map<string, JobCounts> | null = null;
  private countsDirty = true;
  private countsFor = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cache: ClusterCache,
    private readonly bus: MessageBus,
    /** The job list's rows (job-feed.ts), kept current from the same pods and jobs. */
    private readonly jobRows: () => Iterable<JobView>,
  ) {
    this.history = new ReadinessHistory(cache.startedAt);
    cache.informer('nodes').onChange(() => this.schedule(0));
    const podsOrJobs = () => {
      this.countsDirty = true;
      this.schedule(POD_JOB_DELAY_MS);
    };
    cache.informer('pods').onChange(podsOrJobs);
    cache.informer('jobs').onChange(podsOrJobs);
    cache.informer('events').onChange((changes) => {
      const news = changes.filter((c) => c.type !== 'DELETED' && this.history.addEvent(c.object));
      if (news.length > 0) this.schedule(0);
    });
    setInterval(() => this.schedule(0), STALENESS_TICK_MS).unref();
  }

  /** Every current view and the id of the last message they include. */
  snapshot(): { id: number; items: NodeView[] } {
    // A recomputation may be pending (e.g. right after the first list): run it now, so a
    // snapshot never lags behind the cache it is read from.
    if (this.timer !== null) this.recompute();
    return { id: this.bus.currentId, items: [...this.views.values()].map((v) => v.view) };
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.recompute(), delayMs);
  }

  private recompute(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const now = new Date();
    const at = now.toISOString();
    const nodes = this.cache.informer('nodes').store.list();
    const counts = this.jobCounts(nodes.filter(isInterlinkNode).map((n) => n.metadata?.name ?? ''));
    const seen = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      seen.add(name);
      let view = buildNodeView(node, {
        now,
        jobs: counts === null ? null : (counts.get(name) ?? {}),
        history: this.history.of(name),
        downSince: null,
      });
      // Record the verdict, then rebuild so the view carries its own newest history entry.
      const before = this.history.lastObserved(name);
      const changed = this.history.observe(name, view.healthy, view.why, at);
      if (changed && before !== undefined && before.healthy !== view.healthy && isInterlinkNode(node) && this.cache.connection !== null) {
        // A change seen while watching (not this server's first look) becomes an Event, so a
        // restarted or other replica's history has it too (lib/k8s/node-events.ts).
        void recordReadinessEvent(this.cache.connection, { name, uid: node.metadata?.uid ?? '' }, view.healthy, view.why, at);
      }
      if (changed || !view.healthy) {
        view = buildNodeView(node, { now, jobs: view.jobs, history: this.history.of(name), downSince: this.history.downSince(name) });
      }
      const digest = viewDigest(view);
      const previous = this.views.get(name);
      if (previous?.digest === digest) continue;
      this.views.set(name, { view, digest });
      this.bus.publishWatch({
        kind: 'node',
        type: previous === undefined ? 'ADDED' : 'MODIFIED',
        key: name,
        resourceVersion: version(digest),
        object: view,
      });
    }
    for (const [name, { view }] of this.views) {
      if (seen.has(name)) continue;
      this.views.delete(name);
      this.history.forget(name);
      this.bus.publishWatch({ kind: 'node', type: 'DELETED', key: name, resourceVersion: version(viewDigest(view)), object: view });
    }
  }

  /** Counts per virtual node, or null while pods or jobs are not cached yet. */
  private jobCounts(virtualNodes: string[]): Map<string, JobCounts> | null {
    const pods = this.cache.informer('pods');
    const jobs = this.cache.informer('jobs');
    if (!pods.status().synced || !jobs.status().synced) return null;
    const forNodes = virtualNodes.join(',');
    if (this.countsDirty || this.counts === null || forNodes !== this.countsFor) {
      this.counts = countRowsByNode(this.jobRows(), new Set(virtualNodes));
      this.countsDirty = false;
      this.countsFor = forNodes;
    }
    return this.counts;
  }
}

/**
 * The message's resourceVersion: a view changes with the node *and* with its jobs and
 * history, so it is a hash of the whole view; the browser compares it for equality only.
 */
function version(digest: string): string {
  return createHash('sha1').update(digest).digest('base64url').slice(0, 16);
}
