import { MANAGED_BY_LABEL } from '@/lib/interlink/services/annotation-rules';
import { base64Decode, base64Utf8 } from '@/lib/interlink/model/base64';
import { canonicalService, type Service } from '@/lib/interlink/services/service';

// How a service is kept in the cluster, with no database: a ConfigMap `offload-svc-<name>`
// in the owner's namespace holding OSCAR's JSON (`service.json`, secret values left out), and
// an immutable Secret `offload-svc-<name>-<revision>` holding `environment.secrets` of that
// save only, named by the ConfigMap (annotation `offload.io/secret`, empty when there are
// none): a reader always gets the secrets of the save it read the definition of (store.ts).
// Services saved before kept theirs in a Secret `offload-svc-<name>` carrying the same
// revision. All are labelled so Offload (and `kubectl get cm -l offload.io/service`) finds
// them. Pure: the I/O is in store.ts.

export const SERVICE_LABEL = 'offload.io/service';
/** Changed on every save, so a change to the Secret alone still moves the ConfigMap's resourceVersion. */
export const REVISION_ANNOTATION = 'offload.io/revision';
/** On the ConfigMap: the Secret with this save's secrets, '' for none; absent on services saved before. */
export const SECRET_ANNOTATION = 'offload.io/secret';
export const SERVICE_FILE = 'service.json';
export const SERVICE_SELECTOR = `${SERVICE_LABEL},${MANAGED_BY_LABEL.key}=${MANAGED_BY_LABEL.value}`;

export const storedObjectName = (service: string): string => `offload-svc-${service}`;
/** The Secret of one save (a UUID revision keeps it a valid name: at most 88 characters). */
export const secretName = (service: string, revision: string): string => `${storedObjectName(service)}-${revision}`;

/** The parts of a ConfigMap or Secret as the API server returns them that are read here. */
export interface StoredObject {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string }>;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
}

function metadata(service: Service, name: string, annotations: Record<string, string>) {
  return {
    name,
    namespace: service.namespace,
    labels: { [SERVICE_LABEL]: service.name, [MANAGED_BY_LABEL.key]: MANAGED_BY_LABEL.value },
    annotations,
  };
}

/** The ConfigMap for a service; `revision` is a fresh random id per save, `secret` the name of its Secret (null: none). */
export function serviceConfigMap(service: Service, revision: string, secret: string | null) {
  const canonical = canonicalService(service);
  const stored: Service = { ...canonical, environment: { variables: canonical.environment?.variables ?? {} } };
  return {
    apiVersion: 'v1' as const,
    kind: 'ConfigMap' as const,
    metadata: metadata(service, storedObjectName(service.name), { [REVISION_ANNOTATION]: revision, [SECRET_ANNOTATION]: secret ?? '' }),
    data: { [SERVICE_FILE]: `${JSON.stringify(stored, null, 2)}\n` },
  };
}

/** The Secret of one save's secrets, never changed afterwards; null when it has none. */
export function serviceSecret(service: Service, revision: string) {
  const secrets = Object.entries(service.environment?.secrets ?? {});
  if (secrets.length === 0) return null;
  return {
    apiVersion: 'v1' as const,
    kind: 'Secret' as const,
    type: 'Opaque' as const,
    immutable: true,
    metadata: metadata(service, secretName(service.name, revision), { [REVISION_ANNOTATION]: revision }),
    data: Object.fromEntries(secrets.map(([name, value]) => [name, base64Utf8(value)])),
  };
}

/**
 * Where the secrets of the save a ConfigMap holds are: the Secret it names (or none), or, for
 * a service saved before Secrets were per save, the one named like the ConfigMap.
 */
export function secretOf(configMap: StoredObject): { name: string | null; legacy: boolean } {
  const named = configMap.metadata.annotations?.[SECRET_ANNOTATION];
  if (named !== undefined) return { name: named === '' ? null : named, legacy: false };
  return { name: configMap.metadata.name ?? null, legacy: true };
}

export const revisionOf = (object: StoredObject): string | undefined => object.metadata.annotations?.[REVISION_ANNOTATION];

/** The stored JSON, not yet checked against the schema; throws with a sentence when unreadable. */
export function storedServiceJson(configMap: StoredObject): unknown {
  const text = configMap.data?.[SERVICE_FILE];
  if (text === undefined) throw new Error(`The ConfigMap ${configMap.metadata.name ?? ''} has no ${SERVICE_FILE}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(
      `The ConfigMap ${configMap.metadata.name ?? ''} holds ${SERVICE_FILE} that is not ` +
        `JSON: ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
}

/** The service's name as labelled, else from the object name. */
export function storedServiceName(configMap: StoredObject): string {
  return configMap.metadata.labels?.[SERVICE_LABEL] ?? (configMap.metadata.name ?? '').replace(/^offload-svc-/, '');
}

/**
 * The service from its objects: where it is stored wins over what the JSON says (a copied
 * ConfigMap is the service of its own namespace), secrets come from the Secret.
 */
export function serviceFromObjects(service: Service, configMap: StoredObject, secret: StoredObject | null): Service {
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(secret?.data ?? {})) {
    const bytes = base64Decode(value);
    if (bytes !== null) secrets[name] = new TextDecoder().decode(bytes);
  }
  const canonical = canonicalService(service);
  return {
    ...canonical,
    name: storedServiceName(configMap),
    namespace: configMap.metadata.namespace ?? service.namespace,
    environment: { variables: canonical.environment?.variables ?? {}, secrets },
  };
}
