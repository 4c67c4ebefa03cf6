import 'server-only';

// The pure part of one informer: the objects of one resource kind as last listed and
// watched, keyed `namespace/name`. It turns a list (initial, or a relist after 410 Gone)
// and each watch event into the changes listeners must see, client-go style: a relist
// yields synthetic ADDED/MODIFIED/DELETED for what changed while we were away (the
// "tombstone" for deletes we missed). No I/O, no clock.
//
// Contract: objects handed out are shared by every reader and must not be modified.

export interface KubeObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; managedFields?: unknown };
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change<T> {
  type: ChangeType;
  key: string;
  /** The new object; for DELETED, the last one known. */
  object: T;
}

export function keyOf(obj: KubeObject): string {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** The object without `metadata.managedFields`, which can be most of its size and is never read here. */
export function trim<T extends KubeObject>(obj: T): T {
  if (obj.metadata?.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export class ObjectStore<T extends KubeObject> {
  private readonly items = new Map<string, T>();
  /** Where a watch resumes; opaque, only ever passed back to the API server. */
  resourceVersion: string | null = null;

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  /** Replaces the content with a full list; returns what changed against the previous content. */
  replace(objects: readonly T[], resourceVersion: string): Change<T>[] {
    const changes: Change<T>[] = [];
    const incoming = new Map<string, T>();
    for (const raw of objects) incoming.set(keyOf(raw), trim(raw));
    for (const [key, old] of this.items) {
      if (!incoming.has(key)) changes.push({ type: 'DELETED', key, object: old });
    }
    for (const [key, obj] of incoming) {
      const old = this.items.get(key);
      if (old === undefined) changes.push({ type: 'ADDED', key, object: obj });
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) changes.push({ type: 'MODIFIED', key, object: obj });
    }
    this.items.clear();
    for (const [key, obj] of incoming) this.items.set(key, obj);
    this.resourceVersion = resourceVersion;
    return changes;
  }

  /**
   * Applies one watch event. Returns the change to announce, or null when it changes
   * nothing: a repeat of the object we hold (same resourceVersion), or a delete of an
   * object we never had.
   */
  apply(type: ChangeType, raw: T): Change<T> | null {
    const obj = trim(raw);
    const key = keyOf(obj);
    const rv = obj.metadata?.resourceVersion;
    if (rv !== undefined) this.resourceVersion = rv;
    const old = this.items.get(key);
    if (type === 'DELETED') {
      if (old === undefined) return null;
      this.items.delete(key);
      return { type, key, object: obj };
    }
    if (old !== undefined && old.metadata?.resourceVersion === rv) return null;
    this.items.set(key, obj);
    return { type: old === undefined ? 'ADDED' : 'MODIFIED', key, object: obj };
  }
}
