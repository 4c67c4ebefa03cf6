import type { JobViewDto } from '@/lib/api/jobs';
import type { NodeView } from '@/lib/api/nodes';
import type { SnapshotMessage, StreamMessage, WatchKind } from '@/lib/api/watch-events';

// Applies server-sent watch messages to a cached list, in the browser, without refetching
// (the Headlamp habit). Pure: same state and message, same result; the input is never
// modified, and an ignored message returns the very same state object.
//
// Ordering is decided by the server's message `id`, tracked per key. resourceVersion is
// opaque (compare for equality only), so it never orders anything; it only tells that a
// newer message carries the object we already hold.

interface Seen {
  id: number;
  resourceVersion: string | null;
}

export interface CachedList<T> {
  kind: WatchKind;
  items: readonly T[];
  /**
   * Newest message id applied per key. Deleted keys stay here as tombstones so that a late
   * ADDED/MODIFIED with an older id cannot bring them back. Cleared by every SNAPSHOT.
   */
  seen: ReadonlyMap<string, Seen>;
  /** Id of the last SNAPSHOT: every event at or below it is already contained in it. */
  floor: number;
  /** Newest id applied, e.g. to resume a stream. */
  lastId: number;
}

export type KeyOf<T> = (item: T) => string;

/** A cached list from a snapshot: what the first list request or a SNAPSHOT message gives. */
export function listFromSnapshot<T>(snapshot: SnapshotMessage<T>, keyOf: KeyOf<T>): CachedList<T> {
  const seen = new Map<string, Seen>();
  for (const item of snapshot.items) seen.set(keyOf(item), { id: snapshot.id, resourceVersion: null });
  return { kind: snapshot.kind, items: [...snapshot.items], seen, floor: snapshot.id, lastId: snapshot.id };
}

/**
 * Applies one message. Rules:
 * - SNAPSHOT replaces everything, whatever its id: a restarted server numbers from scratch.
 * - Messages of another kind are ignored.
 * - An event whose id is not newer than the snapshot or than the last one applied for its
 *   key is a duplicate or out of order, and is ignored.
 * - DELETED of a key not in the list leaves the list unchanged; only its tombstone is kept.
 * - ADDED or MODIFIED of an unknown key appends; of a known key replaces in place.
 */
export function applyStreamMessage<T>(
  state: CachedList<T> | undefined,
  message: StreamMessage<T>,
  keyOf: KeyOf<T>,
): CachedList<T> | undefined {
  if (message.type === 'SNAPSHOT') {
    return state === undefined || message.kind === state.kind ? listFromSnapshot(message, keyOf) : state;
  }
  // Without a snapshot there is no list to patch; the first list request will bring one.
  if (state === undefined || message.kind !== state.kind) return state;
  const previous = state.seen.get(message.key);
  if (message.id <= state.floor || (previous !== undefined && message.id <= previous.id)) return state;

  const seen = new Map(state.seen);
  seen.set(message.key, { id: message.id, resourceVersion: message.resourceVersion });
  const lastId = Math.max(state.lastId, message.id);
  const index = state.items.findIndex((item) => keyOf(item) === message.key);

  if (message.type === 'DELETED') {
    const items = index === -1 ? state.items : state.items.filter((_, i) => i !== index);
    return { ...state, items, seen, lastId };
  }
  if (index === -1) return { ...state, items: [...state.items, message.object], seen, lastId };
  // Same resourceVersion: the object we hold is already this one; keep its identity so
  // nothing re-renders.
  if (previous?.resourceVersion === message.resourceVersion) return { ...state, seen, lastId };
  const items = state.items.map((item, i) => (i === index ? message.object : item));
  return { ...state, items, seen, lastId };
}

/** Applies messages in arrival order. */
export function applyStreamMessages<T>(
  state: CachedList<T> | undefined,
  messages: Iterable<StreamMessage<T>>,
  keyOf: KeyOf<T>,
): CachedList<T> | undefined {
  let current = state;
  for (const m of messages) current = applyStreamMessage(current, m, keyOf);
  return current;
}

/** The key of each cached list's rows. */
export const jobRowKey = (row: JobViewDto): string => row.key;

export const nodeKey = (view: NodeView): string => view.name;
