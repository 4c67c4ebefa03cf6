import { isListedJob, jobRow, ownerJobUid, podRow, type JobView } from './job-view';
import { isPodOffloaded } from './offloaded';
import { SortedRows } from './sorted-rows';
import type { Job, KubeEvent, Pod } from '../model/types';

// The job list kept up to date incrementally: each watch event recomputes only the rows it
// touches, so a list of 10,000 jobs is never rebuilt for one pod's status change. Pure (no
// I/O); the server feeds it from the shared watch cache and fans the changes out.

/** A delete carries the row as it was last, so listeners can tell whose row it was. */
export type RowChange = { type: 'upsert'; row: JobView } | { type: 'delete'; key: string; row: JobView };

const EVENTS_KEPT = 20;

const nsName = (o: { metadata?: { namespace?: string; name?: string } }) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

export class JobIndex {
  private readonly jobs = new Map<string, Job>(); // by uid
  private readonly pods = new Map<string, Pod>(); // by ns/name
  private readonly podsByJob = new Map<string, Map<string, Pod>>(); // job uid -> ns/name -> pod
  private readonly events = new Map<string, KubeEvent[]>(); // involved ns/name -> newest last
  private readonly rows = new Map<string, JobView>();
  /** Orders asked for so far (by id), kept up to date on every row change. */
  private readonly orders = new Map<string, SortedRows<JobView>>();
  private virtualNodes: ReadonlySet<string> = new Set();

  list(): IterableIterator<JobView> {
    return this.rows.values();
  }

  get size(): number {
    return this.rows.size;
  }

  get(key: string): JobView | undefined {
    return this.rows.get(key);
  }

  /**
   * Every row in the order `compare` gives, named `id` (same id, same order). Built on first
   * use, then maintained by each change instead of sorted per read. `compare` must be a total
   * order on the rows' values alone (not on the clock). Live: read it before the next change.
   */
  sorted(id: string, compare: (a: JobView, b: JobView) => number): readonly JobView[] {
    let order = this.orders.get(id);
    if (order === undefined) this.orders.set(id, (order = new SortedRows(this.rows.values(), compare)));
    return order.all;
  }

  /**
   * What a row was built from, for the detail view: the Job (none for a bare pod), its pods
   * and the events kept about both. Shared objects: do not modify them.
   */
  sources(key: string): { job: Job | undefined; pods: Pod[]; events: KubeEvent[] } | undefined {
    const row = this.rows.get(key);
    if (row === undefined) return undefined;
    const id = `${row.namespace}/${row.name}`;
    if (row.kind === 'Pod') {
      const pod = this.pods.get(id);
      return { job: undefined, pods: pod === undefined ? [] : [pod], events: this.events.get(id) ?? [] };
    }
    const job = row.uid === null ? undefined : this.jobs.get(row.uid);
    const pods = [...(this.podsByJob.get(row.uid ?? '')?.values() ?? [])];
    const events = [...(this.events.get(id) ?? []), ...pods.flatMap((p) => this.events.get(nsName(p)) ?? [])];
    return { job, pods, events };
  }

  /** The virtual nodes changed: offloaded-ness of every row may change. */
  setVirtualNodes(names: ReadonlySet<string>): RowChange[] {
    const same = names.size === this.virtualNodes.size && [...names].every((n) => this.virtualNodes.has(n));
    if (same) return [];
    this.virtualNodes = new Set(names);
    const out: RowChange[] = [];
    for (const job of this.jobs.values()) out.push(...this.refreshJob(job));
    for (const pod of this.pods.values()) if (ownerJobUid(pod) === undefined) out.push(...this.refreshPod(pod));
    return out;
  }

  upsertJob(job: Job): RowChange[] {
    const uid = job.metadata?.uid;
    if (uid === undefined) return [];
    this.jobs.set(uid, job);
    return this.refreshJob(job);
  }

  deleteJob(job: Job): RowChange[] {
    const uid = job.metadata?.uid;
    if (uid === undefined || !this.jobs.delete(uid)) return [];
    return this.drop(`job:${nsName(job)}`);
  }

  upsertPod(pod: Pod): RowChange[] {
    const key = nsName(pod);
    this.pods.set(key, pod);
    const owner = ownerJobUid(pod);
    if (owner === undefined) return this.refreshPod(pod);
    let group = this.podsByJob.get(owner);
    if (group === undefined) this.podsByJob.set(owner, (group = new Map()));
    group.set(key, pod);
    const job = this.jobs.get(owner);
    return job === undefined ? [] : this.refreshJob(job);
  }

  deletePod(pod: Pod): RowChange[] {
    const key = nsName(pod);
    this.pods.delete(key);
    this.events.delete(key);
    const owner = ownerJobUid(pod);
    if (owner === undefined) return this.drop(`pod:${key}`);
    this.podsByJob.get(owner)?.delete(key);
    const job = this.jobs.get(owner);
    return job === undefined ? [] : this.refreshJob(job);
  }

  /** Events about a pod or Job can change the sentence (e.g. FailedScheduling). */
  addEvent(event: KubeEvent): RowChange[] {
    const o = event.involvedObject;
    if (o?.name === undefined || (o.kind !== 'Pod' && o.kind !== 'Job')) return [];
    const key = `${o.namespace ?? ''}/${o.name}`;
    const list = (this.events.get(key) ?? []).filter((e) => e.metadata?.uid !== event.metadata?.uid);
    list.push(event);
    this.events.set(key, list.slice(-EVENTS_KEPT));
    if (o.kind === 'Job') {
      const job = o.uid === undefined ? undefined : this.jobs.get(o.uid);
      return job === undefined ? [] : this.refreshJob(job);
    }
    const pod = this.pods.get(key);
    if (pod === undefined) return [];
    const owner = ownerJobUid(pod);
    if (owner === undefined) return this.refreshPod(pod);
    const job = this.jobs.get(owner);
    return job === undefined ? [] : this.refreshJob(job);
  }

  private refreshJob(job: Job): RowChange[] {
    const key = `job:${nsName(job)}`;
    if (!isListedJob(job, this.virtualNodes)) return this.drop(key);
    const pods = [...(this.podsByJob.get(job.metadata?.uid ?? '')?.values() ?? [])];
    const events = [...(this.events.get(nsName(job)) ?? []), ...pods.flatMap((p) => this.events.get(nsName(p)) ?? [])];
    return this.put(jobRow(job, pods, events, this.virtualNodes));
  }

  private refreshPod(pod: Pod): RowChange[] {
    const key = `pod:${nsName(pod)}`;
    if (!isPodOffloaded(pod, this.virtualNodes)) return this.drop(key);
    return this.put(podRow(pod, this.events.get(nsName(pod)) ?? [], this.virtualNodes));
  }

  private put(row: JobView): RowChange[] {
    const old = this.rows.get(row.key);
    if (old !== undefined && sameRow(old, row)) return [];
    this.rows.set(row.key, row);
    for (const order of this.orders.values()) {
      if (old !== undefined) order.remove(old);
      order.insert(row);
    }
    return [{ type: 'upsert', row }];
  }

  private drop(key: string): RowChange[] {
    const row = this.rows.get(key);
    if (row === undefined) return [];
    this.rows.delete(key);
    for (const order of this.orders.values()) order.remove(row);
    return [{ type: 'delete', key, row }];
  }
}

function sameRow(a: JobView, b: JobView): boolean {
  for (const k of Object.keys(a) as (keyof JobView)[]) if (a[k] !== b[k]) return false;
  return true;
}
