import 'server-only';

import { randomUUID } from 'node:crypto';

import { ServiceShape } from '@/lib/api/service-schema';
import { ServiceRecordSchema, type ServiceRecord, type ServiceSummary } from '@/lib/api/services';
import { canonicalService, type Service } from '@/lib/interlink/service';
import { connectionFor, type Identity } from '@/lib/k8s/access';
import type { Connection } from '@/lib/k8s/config';
import { Conflict, Invalid, NotFound, isKubeError } from '@/lib/k8s/errors';
import { requestJson } from '@/lib/k8s/http';

import {
  SERVICE_SELECTOR, serviceConfigMap, serviceFromObjects, serviceSecret, storedObjectName, storedServiceJson,
  storedServiceName, type StoredObject,
} from './stored-objects';

// The service store: CRUD of a service's ConfigMap + Secret, always with the caller's own
// identity (connectionFor), so the API server's RBAC decides who may read or write where.
// Concurrent edits: PUT sends the resourceVersion the caller read as the ConfigMap's, so the
// API server itself refuses a stale write (409), and nothing is written after that.

const configMaps = (ns: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/configmaps`;
const secrets = (ns: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/secrets`;
const one = (collection: string, service: string) => `${collection}/${storedObjectName(service)}`;

/** What the API answers for a service: every key present, and the version to echo on PUT. */
const record = (service: Service, cm: StoredObject): ServiceRecord =>
  ServiceRecordSchema.parse({ ...canonicalService(service), resourceVersion: cm.metadata.resourceVersion ?? '' });

const notFound = (ns: string, name: string) => new NotFound(`There is no service ${name} in namespace ${ns}.`);

/** Undefined for a 404 instead of an error. */
async function orAbsent<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isKubeError(err) && err.code === 'not_found') return undefined;
    throw err;
  }
}

function parseStored(configMap: StoredObject): Service {
  const parsed = ServiceShape.safeParse(storedServiceJson(configMap));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The stored ${storedObjectName(storedServiceName(configMap))} is not a service: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}.`);
  }
  return parsed.data;
}

function summaryOf(cm: StoredObject): ServiceSummary {
  const base = {
    namespace: cm.metadata.namespace ?? '',
    name: storedServiceName(cm),
    createdAt: cm.metadata.creationTimestamp ?? null,
    resourceVersion: cm.metadata.resourceVersion ?? '',
  };
  try {
    const s = parseStored(cm);
    return { ...base, image: s.image, target: s.interlink_node_name ?? '', problem: null };
  } catch (err) {
    return { ...base, image: '', target: '', problem: err instanceof Error ? err.message : String(err) };
  }
}

async function listConfigMaps(identity: Identity, namespaces: readonly string[] | undefined): Promise<StoredObject[]> {
  const collections = namespaces === undefined ? ['/api/v1/configmaps'] : namespaces.map(configMaps);
  const conn = connectionFor(identity);
  const lists = await Promise.all(collections.map((c) => requestJson<{ items: StoredObject[] }>(conn, `${c}?labelSelector=${encodeURIComponent(SERVICE_SELECTOR)}`)));
  return lists.flatMap((l) => l.items);
}

/** Services in the given namespaces, or in all when `namespaces` is undefined. */
export async function listServices(identity: Identity, namespaces: readonly string[] | undefined): Promise<ServiceSummary[]> {
  const items = await listConfigMaps(identity, namespaces);
  return items.map(summaryOf).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** The services of a namespace in full but without secret values (one list request); unreadable ones are left out. */
export async function listServiceDefinitions(identity: Identity, namespace: string): Promise<Service[]> {
  const items = await listConfigMaps(identity, [namespace]);
  return items
    .flatMap((cm) => {
      try {
        return [serviceFromObjects(parseStored(cm), cm, null)];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getService(identity: Identity, namespace: string, name: string): Promise<ServiceRecord> {
  const conn = connectionFor(identity);
  const cm = await orAbsent(requestJson<StoredObject>(conn, one(configMaps(namespace), name)));
  if (cm === undefined) throw notFound(namespace, name);
  const secret = await orAbsent(requestJson<StoredObject>(conn, one(secrets(namespace), name)));
  let stored: Service;
  try {
    stored = parseStored(cm);
  } catch (err) {
    throw new Invalid(err instanceof Error ? err.message : String(err), 'service.json');
  }
  return record(serviceFromObjects(stored, cm, secret ?? null), cm);
}

/** Creates a validated service; 409 when one of that name exists. Leaves nothing behind on failure. */
export async function createService(identity: Identity, service: Service): Promise<ServiceRecord> {
  const conn = connectionFor(identity);
  const revision = randomUUID();
  let cm: StoredObject;
  try {
    cm = await requestJson<StoredObject>(conn, configMaps(service.namespace), { method: 'POST', body: serviceConfigMap(service, revision) });
  } catch (err) {
    if (isKubeError(err) && err.code === 'conflict') throw new Conflict(`A service named ${service.name} already exists in namespace ${service.namespace}.`);
    throw err;
  }
  try {
    await syncSecret(conn, service, cm, revision);
  } catch (err) {
    await orAbsent(requestJson<unknown>(conn, one(configMaps(service.namespace), service.name), { method: 'DELETE' })).catch(() => undefined);
    throw err;
  }
  return record(service, cm);
}

/** Replaces a service if it is still at `resourceVersion`; otherwise 409 and nothing changes. */
export async function updateService(identity: Identity, service: Service, resourceVersion: string): Promise<ServiceRecord> {
  const conn = connectionFor(identity);
  const revision = randomUUID();
  const body = serviceConfigMap(service, revision);
  let cm: StoredObject;
  try {
    cm = await requestJson<StoredObject>(conn, one(configMaps(service.namespace), service.name), {
      method: 'PUT',
      body: { ...body, metadata: { ...body.metadata, resourceVersion } },
    });
  } catch (err) {
    if (isKubeError(err) && err.code === 'not_found') throw notFound(service.namespace, service.name);
    if (isKubeError(err) && err.code === 'conflict') {
      throw new Conflict(`The service ${service.name} in namespace ${service.namespace} was changed since you read it; nothing was saved. Load it again and reapply your changes.`);
    }
    throw err;
  }
  await syncSecret(conn, service, cm, revision);
  return record(service, cm);
}

/** The Secret follows the ConfigMap: owned by it (garbage-collected with it), gone when no secrets. */
async function syncSecret(conn: Connection, service: Service, cm: StoredObject, revision: string): Promise<void> {
  const path = one(secrets(service.namespace), service.name);
  const secret = serviceSecret(service, revision);
  if (secret === null) {
    await orAbsent(requestJson<unknown>(conn, path, { method: 'DELETE' }));
    return;
  }
  const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: cm.metadata.name ?? '', uid: cm.metadata.uid ?? '' };
  const body = { ...secret, metadata: { ...secret.metadata, ownerReferences: [owner] } };
  // An unconditional replace: the ConfigMap's resourceVersion already decided who wins.
  const replaced = await orAbsent(requestJson<unknown>(conn, path, { method: 'PUT', body }));
  if (replaced === undefined) await requestJson<unknown>(conn, secrets(service.namespace), { method: 'POST', body });
}

export async function deleteService(identity: Identity, namespace: string, name: string): Promise<void> {
  const conn = connectionFor(identity);
  const gone = await orAbsent(requestJson<unknown>(conn, one(configMaps(namespace), name), { method: 'DELETE' }));
  if (gone === undefined) throw notFound(namespace, name);
  // Owned by the ConfigMap, so the garbage collector would remove it too; do it now.
  await orAbsent(requestJson<unknown>(conn, one(secrets(namespace), name), { method: 'DELETE' }));
}
