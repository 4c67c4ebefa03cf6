// The messages the server sends over server-sent events for live lists. The server keeps
// one watch per resource kind and numbers every message it sends with `id`, increasing
// within one server process (a restarted server starts again, and begins with a SNAPSHOT).

export type WatchKind = 'node' | 'job' | 'pod';

export interface WatchEvent<T> {
  id: number;
  kind: WatchKind;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** `namespace/name` for namespaced objects, `name` otherwise. */
  key: string;
  /** Opaque: compared for equality only, never ordered. */
  resourceVersion: string;
  object: T;
}

export interface SnapshotMessage<T> {
  kind: WatchKind;
  type: 'SNAPSHOT';
  id: number;
  items: T[];
}

export type StreamMessage<T> = WatchEvent<T> | SnapshotMessage<T>;

/** The key the server uses for a Kubernetes object: `namespace/name`, or `name` when cluster-scoped. */
export function objectKey(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}
