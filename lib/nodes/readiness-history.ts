import type { HistoryEntry } from '@/lib/api/nodes';
import { toIso, type KubeEvent } from '@/lib/interlink/model/types';

// A short history of readiness changes per node, from two sources: what this server's
// node watch observed since it started (exact, but only since then), and the node
// controller's NodeReady/NodeNotReady Kubernetes Events (older, kept by the API server for
// about an hour). Pure: times come in as arguments.

const MAX_ENTRIES = 40;
const READINESS_EVENTS: Readonly<Record<string, boolean>> = { NodeReady: true, NodeNotReady: false };

export interface NodeHistory {
  since: string;
  label: string;
  entries: HistoryEntry[];
}

export class ReadinessHistory {
  private readonly observed = new Map<string, HistoryEntry[]>();
  private readonly fromEvents = new Map<string, Map<string, HistoryEntry>>();

  constructor(private readonly startedAt: string) {}

  /** Records the node's current state; returns true when it differs from the last one observed. */
  observe(node: string, healthy: boolean, why: string | null, at: string): boolean {
    const list = this.observed.get(node) ?? [];
    const last = list[list.length - 1];
    if (last !== undefined && last.healthy === healthy && last.why === why) return false;
    this.observed.set(node, [...list, { at, healthy, why, source: 'observed' as const }].slice(-MAX_ENTRIES));
    return true;
  }

  /** Takes a node-controller readiness Event into account; returns true when it is news. */
  addEvent(event: KubeEvent): boolean {
    const healthy = READINESS_EVENTS[event.reason ?? ''];
    const node = event.involvedObject?.kind === 'Node' ? event.involvedObject.name : undefined;
    const at = toIso(event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp);
    if (healthy === undefined || node === undefined || at === null) return false;
    const byEvent = this.fromEvents.get(node) ?? new Map<string, HistoryEntry>();
    const id = `${event.metadata?.uid ?? event.metadata?.name ?? ''}@${at}`;
    if (byEvent.has(id)) return false;
    byEvent.set(id, { at, healthy, why: healthy ? null : (event.message ?? 'NodeNotReady'), source: 'event' });
    this.fromEvents.set(node, byEvent);
    return true;
  }

  /** The last state this server observed for the node, if any. */
  lastObserved(node: string): HistoryEntry | undefined {
    const list = this.observed.get(node);
    return list?.[list.length - 1];
  }

  forget(node: string): void {
    this.observed.delete(node);
    this.fromEvents.delete(node);
  }

  of(node: string): NodeHistory {
    const observed = this.observed.get(node) ?? [];
    const firstObserved = observed[0]?.at ?? this.startedAt;
    // Events only add what happened before this server was watching; after that the watch is exact.
    const earlier = [...(this.fromEvents.get(node)?.values() ?? [])].filter((e) => e.at < firstObserved);
    // Several records of one change (the node controller's Event, each replica's, then this
    // server's first look) are one entry: the earliest of each run of the same state.
    const entries = collapse([...earlier, ...observed].sort((a, b) => a.at.localeCompare(b.at))).slice(-MAX_ENTRIES);
    const since = entries[0]?.at ?? this.startedAt;
    const label =
      earlier.length > 0
        ? `Since ${since}: Kubernetes Events before this server started at ${this.startedAt}, observed changes after.`
        : `Since this server started at ${this.startedAt}.`;
    return { since, label, entries };
  }

  /** When the node stopped being healthy; `exact` is false when it already was when history begins. */
  downSince(node: string): { at: string; exact: boolean } | null {
    const entries = this.of(node).entries;
    let i = entries.length - 1;
    if (i < 0 || entries[i]?.healthy) return null;
    while (i > 0 && entries[i - 1]?.healthy === false) i--;
    const first = entries[i];
    return first === undefined ? null : { at: first.at, exact: i > 0 };
  }
}

function collapse(sorted: readonly HistoryEntry[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const e of sorted) if (out[out.length - 1]?.healthy !== e.healthy) out.push(e);
  return out;
}
