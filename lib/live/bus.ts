import 'server-only';

import type { WatchEvent } from '@/lib/api/watch-events';

// The fan-out point between the one shared cache and every SSE client of this process.
// Feeds publish; each subscriber gets every message synchronously and must only enqueue it
// (its own stream buffers it, so a slow client cannot stall the others). Watch messages
// get an id that increases within this process; a client that reconnects, here or to
// another replica, starts over from a SNAPSHOT, so ids never need to agree across processes.

/** Whether the cache behind the live messages can currently reach the cluster. */
export interface LiveStatus {
  synced: boolean;
  reachable: boolean;
  reason: string | null;
}

export type BusMessage = { event: 'message'; data: WatchEvent<unknown> } | { event: 'status'; data: LiveStatus };
type Subscriber = (message: BusMessage) => void;

export class MessageBus {
  private lastId = 0;
  private readonly subscribers = new Set<Subscriber>();

  /** Id of the newest watch message published; a snapshot taken now contains everything up to it. */
  get currentId(): number {
    return this.lastId;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  publishWatch(event: Omit<WatchEvent<unknown>, 'id'>): void {
    this.lastId += 1;
    this.deliver({ event: 'message', data: { ...event, id: this.lastId } });
  }

  publishStatus(status: LiveStatus): void {
    this.deliver({ event: 'status', data: status });
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private deliver(message: BusMessage): void {
    for (const s of this.subscribers) s(message);
  }
}
