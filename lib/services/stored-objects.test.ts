import { describe, expect, it } from 'vitest';

import { canonicalService, type Service } from '@/lib/interlink/services/service';

import {
  SERVICE_FILE,
  revisionOf,
  secretOf,
  serviceConfigMap,
  serviceFromObjects,
  serviceSecret,
  storedServiceJson,
  storedServiceName,
} from './stored-objects';

const service: Service = {
  name: 'hello',
  namespace: 'alice',
  image: 'docker://alpine:3.20',
  script: 'echo "$GREETING"\n',
  interlink_node_name: 'vega-vk',
  environment: { variables: { GREETING: `it's "ünï" 🚀\n$HOME` }, secrets: { TOKEN: 'p@ss "word"\n' } },
};

describe('stored objects', () => {
  it('keeps secret values out of the ConfigMap and in the Secret', () => {
    const cm = serviceConfigMap(service, 'rev-1', 'offload-svc-hello-rev-1');
    expect(cm.metadata).toMatchObject({
      name: 'offload-svc-hello',
      namespace: 'alice',
      labels: { 'offload.io/service': 'hello', 'app.kubernetes.io/managed-by': 'offload' },
    });
    expect(cm.data[SERVICE_FILE]).not.toContain('p@ss');
    const secret = serviceSecret(service, 'rev-1');
    expect(secret?.data).toEqual({ TOKEN: Buffer.from('p@ss "word"\n').toString('base64') });
    expect(serviceSecret({ ...service, environment: {} }, 'rev-1')).toBeNull();
  });

  it("keeps each save's secrets in a Secret of its own, which the ConfigMap names", () => {
    const secret = serviceSecret(service, 'rev-1');
    expect(secret?.metadata).toMatchObject({ name: 'offload-svc-hello-rev-1', annotations: { 'offload.io/revision': 'rev-1' } });
    expect(secret?.immutable).toBe(true);
    expect(secretOf(serviceConfigMap(service, 'rev-1', 'offload-svc-hello-rev-1'))).toEqual({
      name: 'offload-svc-hello-rev-1',
      legacy: false,
    });
    expect(secretOf(serviceConfigMap(service, 'rev-1', null))).toEqual({ name: null, legacy: false });
    // Saved before: the Secret named like the ConfigMap, whose revision must then match.
    expect(secretOf({ metadata: { name: 'offload-svc-hello', annotations: { 'offload.io/revision': 'r' } } })).toEqual({
      name: 'offload-svc-hello',
      legacy: true,
    });
    expect(revisionOf(serviceConfigMap(service, 'rev-2', null))).toBe('rev-2');
  });

  it('reads back exactly what was stored, placed where it is stored', () => {
    const cm = serviceConfigMap(service, 'rev-1', 'offload-svc-hello-rev-1');
    const secret = serviceSecret(service, 'rev-1');
    const json = storedServiceJson(cm) as Service;
    expect(serviceFromObjects(json, cm, secret)).toEqual(canonicalService(service));
    const copied = { ...cm, metadata: { ...cm.metadata, namespace: 'bob' } };
    expect(serviceFromObjects(json, copied, null)).toMatchObject({ namespace: 'bob', environment: { secrets: {} } });
  });

  it('says why a ConfigMap holds no service', () => {
    expect(() => storedServiceJson({ metadata: { name: 'offload-svc-x' }, data: { [SERVICE_FILE]: '{' } })).toThrow(/not JSON/);
    expect(() => storedServiceJson({ metadata: { name: 'offload-svc-x' } })).toThrow(/has no service.json/);
    expect(storedServiceName({ metadata: { name: 'offload-svc-x' } })).toBe('x');
  });
});
