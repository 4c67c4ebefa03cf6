import 'server-only';

import { randomUUID } from 'node:crypto';

import { ServiceShape } from '@/lib/api/service-schema';
import { ServiceRecordSchema, type ServiceList, type ServiceRecord, type ServiceSummary } from '@/lib/api/services';
import { namespacesFor } from '@/lib/auth/namespaces';
import { canonicalService, type Service } from '@/lib/interlink/services/service';
import type { Identity } from '@/lib/k8s/access';
import { Conflict, Invalid, NotFound, isKubeError } from '@/lib/errors';
import { objectsOf, type ObjectOps } from '@/lib/k8s/objects';
import { errorText, log } from '@/lib/observability/log';

import {
  SERVICE_SELECTOR,
  revisionOf,
  secretOf,
  serviceConfigMap,
  serviceFromObjects,
  serviceSecret,
  storedObjectName,
  storedServiceJson,
  storedServiceName,
  type StoredObject,
} from './stored-objects';

// The service store: CRUD of a service's ConfigMap + Secret, always with the caller's own
// identity (connectionFor), so the API server's RBAC decides who may read or write where.
// A save never mixes with another (stored-objects.ts): its secrets go into a new immutable
// Secret named by the save's revision, created before the ConfigMap is replaced; the
// ConfigMap is replaced only if it is still at the resourceVersion the caller read (else 409
// and the new Secret is removed), and then names that Secret. So the ConfigMap is the one
// commit point, and whoever reads it reads the secrets of the same save. The Secret of the
// previous save goes afterwards (it is owned by the ConfigMap, so the garbage collector
// takes whatever a failed clean-up leaves). A delete too is made only at a resourceVersion.

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
    throw new Error(
      `The stored ${storedObjectName(storedServiceName(configMap))} is not a ` +
        `service: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}.`,
    );
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
  const objects = objectsOf(identity);
  const lists = await Promise.all((namespaces ?? [undefined]).map((ns) => objects.list<StoredObject>('configmaps', ns, SERVICE_SELECTOR)));
  return lists.flat();
}

/** Services in the given namespaces, or in all when `namespaces` is undefined. */
export async function listServices(identity: Identity, namespaces: readonly string[] | undefined): Promise<ServiceSummary[]> {
  const items = await listConfigMaps(identity, namespaces);
  return items.map(summaryOf).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** The services of `namespace`, or of every namespace the caller may list services in. */
export async function servicesVisibleTo(identity: Identity, namespace: string | undefined): Promise<ServiceList> {
  const scope =
    namespace === undefined ? await namespacesFor(identity, { resource: 'configmaps' }) : { all: false, namespaces: [namespace] };
  return { services: await listServices(identity, scope.all ? undefined : scope.namespaces), scope };
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
  const objects = objectsOf(identity);
  const { cm, secret } = await readSave(objects, namespace, name);
  let stored: Service;
  try {
    stored = parseStored(cm);
  } catch (err) {
    throw new Invalid(err instanceof Error ? err.message : String(err), 'service.json');
  }
  return record(serviceFromObjects(stored, cm, secret), cm);
}

/** Reads of a service whose Secret went away under them (a save replaced it) are made again this often. */
const READ_ATTEMPTS = 3;

/** The ConfigMap and the Secret of one save, never of two. */
async function readSave(objects: ObjectOps, namespace: string, name: string): Promise<{ cm: StoredObject; secret: StoredObject | null }> {
  for (let attempt = 1; ; attempt++) {
    const cm = await orAbsent(objects.get<StoredObject>('configmaps', namespace, storedObjectName(name)));
    if (cm === undefined) throw notFound(namespace, name);
    const where = secretOf(cm);
    if (where.name === null) return { cm, secret: null };
    const secret = await orAbsent(objects.get<StoredObject>('secrets', namespace, where.name));
    // Saved before Secrets were per save: none at all, or one that must carry the same revision.
    if (where.legacy && secret === undefined) return { cm, secret: null };
    if (secret !== undefined && revisionOf(secret) === revisionOf(cm)) return { cm, secret };
    // A save in between replaced the definition and removed this Secret: read it again.
    if (secret === undefined && attempt < READ_ATTEMPTS) continue;
    throw new Conflict(
      secret === undefined
        ? `The secrets of service ${name} in namespace ${namespace} (Secret ${where.name}) are ` +
            `missing; save the service with its secrets again.`
        : `The secrets of service ${name} in namespace ${namespace} (Secret ${where.name}) are from ` +
            `another save than its definition (revision ${revisionOf(secret) ?? 'none'}, ` +
            `not ${revisionOf(cm) ?? 'none'}); Offload will not mix them. Save the service again to ` +
            `store one whole version.`,
    );
  }
}

/** Creates a validated service; 409 when one of that name exists. Leaves nothing behind on failure. */
export async function createService(identity: Identity, service: Service): Promise<ServiceRecord> {
  const objects = objectsOf(identity);
  const revision = randomUUID();
  const secret = await createSecret(objects, service, revision, null);
  let cm: StoredObject;
  try {
    cm = await objects.create<StoredObject>('configmaps', service.namespace, serviceConfigMap(service, revision, secret));
  } catch (err) {
    await removeSecret(objects, service.namespace, secret);
    if (isKubeError(err) && err.code === 'conflict')
      throw new Conflict(`A service named ${service.name} already exists in namespace ${service.namespace}.`);
    throw err;
  }
  // Owned by the ConfigMap, so it goes with it. The ConfigMap names it, so the service is whole without.
  if (secret !== null) {
    await objects.patch('secrets', service.namespace, secret, { metadata: { ownerReferences: [ownerRef(cm)] } }).catch((err: unknown) =>
      log.warn('service: could not make its Secret owned by its ConfigMap', {
        namespace: service.namespace,
        secret,
        err: errorText(err),
      }),
    );
  }
  return record(service, cm);
}

/**
 * Replaces the service at `at` (a URL's namespace and name) with `service`. A rename or a move
 * would be a new service, so the body must name the same one (422 naming the field).
 */
export async function replaceServiceAt(
  identity: Identity,
  at: { namespace: string; name: string },
  service: Service,
  resourceVersion: string,
): Promise<ServiceRecord> {
  if (service.namespace !== at.namespace)
    throw new Invalid(`namespace: is ${at.namespace} in the URL; a service cannot be moved.`, 'namespace');
  if (service.name !== at.name)
    throw new Invalid(`name: is ${at.name} in the URL; a service cannot be renamed (create a new one).`, 'name');
  return updateService(identity, service, resourceVersion);
}

/** Replaces a service if it is still at `resourceVersion`; otherwise 409 and nothing changes. */
export async function updateService(identity: Identity, service: Service, resourceVersion: string): Promise<ServiceRecord> {
  const objects = objectsOf(identity);
  const stale = () =>
    new Conflict(
      `The service ${service.name} in namespace ${service.namespace} was changed since you read ` +
        `it; nothing was saved. Load it again and reapply your changes.`,
    );
  const current = await orAbsent(objects.get<StoredObject>('configmaps', service.namespace, storedObjectName(service.name)));
  if (current === undefined) throw notFound(service.namespace, service.name);
  // Known stale already: no Secret is made for a save that cannot win.
  if (current.metadata.resourceVersion !== resourceVersion) throw stale();
  const revision = randomUUID();
  const secret = await createSecret(objects, service, revision, current);
  const body = serviceConfigMap(service, revision, secret);
  let cm: StoredObject;
  try {
    cm = await objects.replace<StoredObject>('configmaps', service.namespace, storedObjectName(service.name), {
      ...body,
      metadata: { ...body.metadata, resourceVersion },
    });
  } catch (err) {
    await removeSecret(objects, service.namespace, secret);
    if (isKubeError(err) && err.code === 'not_found') throw notFound(service.namespace, service.name);
    if (isKubeError(err) && err.code === 'conflict') throw stale();
    throw err;
  }
  const previous = secretOf(current).name;
  if (previous !== secret) await removeSecret(objects, service.namespace, previous);
  return record(service, cm);
}

/** Deletes the service, at `resourceVersion` when given (409 if it changed since), else as it is now. */
export async function deleteService(identity: Identity, namespace: string, name: string, resourceVersion?: string): Promise<void> {
  const objects = objectsOf(identity);
  const cm = await orAbsent(objects.get<StoredObject>('configmaps', namespace, storedObjectName(name)));
  if (cm === undefined) throw notFound(namespace, name);
  const changed = new Conflict(
    `The service ${name} in namespace ${namespace} was changed since you read it; nothing was deleted. Load it again to see what changed.`,
  );
  if (resourceVersion !== undefined && cm.metadata.resourceVersion !== resourceVersion) throw changed;
  const preconditions = { uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion };
  try {
    await objects.remove('configmaps', namespace, storedObjectName(name), { preconditions });
  } catch (err) {
    if (isKubeError(err) && err.code === 'not_found') throw notFound(namespace, name);
    if (isKubeError(err) && err.code === 'conflict') throw changed;
    throw err;
  }
  // Owned by the ConfigMap, so the garbage collector would remove it too; do it now.
  await removeSecret(objects, namespace, secretOf(cm).name);
}

const ownerRef = (cm: StoredObject) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: cm.metadata.name ?? '', uid: cm.metadata.uid ?? '' });

/** The new Secret of this save (its name), or null when the service has no secrets; a name taken is a 409 (create, never replace). */
async function createSecret(objects: ObjectOps, service: Service, revision: string, owner: StoredObject | null): Promise<string | null> {
  const secret = serviceSecret(service, revision);
  if (secret === null) return null;
  const body = owner === null ? secret : { ...secret, metadata: { ...secret.metadata, ownerReferences: [ownerRef(owner)] } };
  await objects.create<unknown>('secrets', service.namespace, body);
  return secret.metadata.name;
}

/** Best effort: a Secret no save names any more is only litter, and its ConfigMap owns it. */
async function removeSecret(objects: ObjectOps, namespace: string, name: string | null): Promise<void> {
  if (name === null) return;
  await orAbsent(objects.remove('secrets', namespace, name)).catch((err: unknown) =>
    log.warn('service: could not remove a Secret no save names', { namespace, secret: name, err: errorText(err) }),
  );
}
