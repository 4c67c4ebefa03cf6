import 'server-only';

import { connectionFor, type Identity } from './access';
import { requestJson, type PatchType } from './http';

// Reads and writes of the namespaced objects Offload keeps for people (a service's ConfigMap
// and Secret, a run's Job and inputs), always made as the caller (connectionFor), so the API
// server's RBAC decides. The only place outside the watch cache that names an API path.

export type ObjectKind = 'configmaps' | 'secrets' | 'jobs';

const GROUP: Record<ObjectKind, string> = { configmaps: '/api/v1', secrets: '/api/v1', jobs: '/apis/batch/v1' };

const collection = (kind: ObjectKind, namespace: string | undefined) =>
  namespace === undefined ? `${GROUP[kind]}/${kind}` : `${GROUP[kind]}/namespaces/${encodeURIComponent(namespace)}/${kind}`;
const item = (kind: ObjectKind, namespace: string, name: string) => `${collection(kind, namespace)}/${encodeURIComponent(name)}`;

/** Options of a DELETE: preconditions (uid, resourceVersion) and how dependents go. */
export interface DeleteOptions {
  preconditions?: { uid?: string | undefined; resourceVersion?: string | undefined };
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export interface ObjectOps {
  /** Objects of a kind with a label selector, in one namespace or (undefined) in all. */
  list<T>(kind: ObjectKind, namespace: string | undefined, labelSelector: string): Promise<T[]>;
  get<T>(kind: ObjectKind, namespace: string, name: string): Promise<T>;
  create<T>(kind: ObjectKind, namespace: string, body: object): Promise<T>;
  /** PUT: the body's metadata.resourceVersion, when set, makes it conditional (409 if changed). */
  replace<T>(kind: ObjectKind, namespace: string, name: string, body: object): Promise<T>;
  patch<T>(kind: ObjectKind, namespace: string, name: string, body: object, patchType?: PatchType): Promise<T>;
  remove(kind: ObjectKind, namespace: string, name: string, options?: DeleteOptions): Promise<void>;
}

/** The object operations of one caller. */
export function objectsOf(identity: Identity): ObjectOps {
  const conn = connectionFor(identity);
  return {
    async list<T>(kind: ObjectKind, namespace: string | undefined, labelSelector: string) {
      const answer = await requestJson<{ items: T[] }>(
        conn,
        `${collection(kind, namespace)}?labelSelector=${encodeURIComponent(labelSelector)}`,
      );
      return answer.items;
    },
    get: (kind, namespace, name) => requestJson(conn, item(kind, namespace, name)),
    create: (kind, namespace, body) => requestJson(conn, collection(kind, namespace), { method: 'POST', body }),
    replace: (kind, namespace, name, body) => requestJson(conn, item(kind, namespace, name), { method: 'PUT', body }),
    patch: (kind, namespace, name, body, patchType = 'merge') =>
      requestJson(conn, item(kind, namespace, name), { method: 'PATCH', patchType, body }),
    async remove(kind, namespace, name, options) {
      const body = options === undefined ? undefined : { apiVersion: 'v1', kind: 'DeleteOptions', ...options };
      await requestJson<unknown>(conn, item(kind, namespace, name), { method: 'DELETE', ...(body !== undefined && { body }) });
    },
  };
}

/** The API server's version (GET /version), as the caller. */
export function serverVersion(identity: Identity): Promise<{ gitVersion?: string }> {
  return requestJson(connectionFor(identity), '/version');
}
