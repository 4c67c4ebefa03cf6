import { MANAGED_BY_LABEL } from '@/lib/interlink/annotation-rules';
import { base64Decode, base64Utf8 } from '@/lib/interlink/base64';
import { canonicalService, type Service } from '@/lib/interlink/service';

// How a service is kept in the cluster, with no database: a ConfigMap `offload-svc-<name>`
// in the owner's namespace holding OSCAR's JSON (`service.json`, secret values left out), and
// a Secret of the same name holding `environment.secrets`. Both are labelled so Offload (and
// `kubectl get cm -l offload.io/service`) finds them. Pure: the I/O is in store.ts.

export const SERVICE_LABEL = 'offload.io/service';
/** Changed on every save, so a change to the Secret alone still moves the ConfigMap's resourceVersion. */
export const REVISION_ANNOTATION = 'offload.io/revision';
export const SERVICE_FILE = 'service.json';
export const SERVICE_SELECTOR = `${SERVICE_LABEL},${MANAGED_BY_LABEL.key}=${MANAGED_BY_LABEL.value}`;

export const storedObjectName = (service: string): string => `offload-svc-${service}`;

/** The parts of a ConfigMap or Secret as the API server returns them that are read here. */
export interface StoredObject {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
}

function metadata(service: Service, revision: string) {
  return {
    name: storedObjectName(service.name),
    namespace: service.namespace,
    labels: { [SERVICE_LABEL]: service.name, [MANAGED_BY_LABEL.key]: MANAGED_BY_LABEL.value },
    annotations: { [REVISION_ANNOTATION]: revision },
  };
}

/** The ConfigMap for a service; `revision` is a fresh random id per save. */
export function serviceConfigMap(service: Service, revision: string) {
  const canonical = canonicalService(service);
  const stored: Service = { ...canonical, environment: { variables: canonical.environment?.variables ?? {} } };
  return {
    apiVersion: 'v1' as const,
    kind: 'ConfigMap' as const,
    metadata: metadata(service, revision),
    data: { [SERVICE_FILE]: `${JSON.stringify(stored, null, 2)}\n` },
  };
}

/** The Secret for a service's secrets; null when it has none (an old Secret is then deleted). */
export function serviceSecret(service: Service, revision: string) {
  const secrets = Object.entries(service.environment?.secrets ?? {});
  if (secrets.length === 0) return null;
  return {
    apiVersion: 'v1' as const,
    kind: 'Secret' as const,
    type: 'Opaque' as const,
    metadata: metadata(service, revision),
    data: Object.fromEntries(secrets.map(([name, value]) => [name, base64Utf8(value)])),
  };
}

/** The stored JSON, not yet checked against the schema; throws with a sentence when unreadable. */
export function storedServiceJson(configMap: StoredObject): unknown {
  const text = configMap.data?.[SERVICE_FILE];
  if (text === undefined) throw new Error(`The ConfigMap ${configMap.metadata.name ?? ''} has no ${SERVICE_FILE}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`The ConfigMap ${configMap.metadata.name ?? ''} holds ${SERVICE_FILE} that is not JSON: ${err instanceof Error ? err.message : String(err)}.`);
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
