import { describe, expect, it } from 'vitest';

import { matchOscarPath } from './router';

const seg = (path: string) => path.split('/').filter((s) => s !== '');

describe('matchOscarPath', () => {
  it('knows every path oscar-cli 1.12.2 calls, in the caller’s namespace or a named one', () => {
    const cases: Array<[string, unknown, string]> = [
      ['system/info', { kind: 'info' }, '/oscar/system/info'],
      ['system/config', { kind: 'config' }, '/oscar/system/config'],
      ['system/services', { kind: 'services' }, '/oscar/system/services'],
      ['system/services/hello', { kind: 'service', service: 'hello' }, '/oscar/system/services/{name}'],
      ['system/logs/hello', { kind: 'logs', service: 'hello' }, '/oscar/system/logs/{service}'],
      ['system/logs/hello/hello-1', { kind: 'log', service: 'hello', job: 'hello-1' }, '/oscar/system/logs/{service}/{job}'],
      ['job/hello', { kind: 'job', service: 'hello' }, '/oscar/job/{service}'],
      ['run/hello', { kind: 'run', service: 'hello' }, '/oscar/run/{service}'],
      ['health', { kind: 'health' }, '/oscar/health'],
      ['storage/bucket/a/b', { kind: 'storage' }, '/oscar/storage/…'],
    ];
    for (const [path, endpoint, route] of cases) {
      expect(matchOscarPath(seg(path))).toEqual({ endpoint, namespace: null, route });
      expect(matchOscarPath(seg(`namespaces/bob/${path}`))).toEqual({
        endpoint,
        namespace: 'bob',
        route: route.replace('/oscar', '/oscar/namespaces/{namespace}'),
      });
    }
  });

  it('matches nothing else', () => {
    for (const path of ['', 'system', 'system/logs/a/b/c', 'job', 'job/a/b', 'namespaces', 'namespaces/bob', 'system/status', 'health/x']) {
      expect(matchOscarPath(seg(path))).toBeNull();
    }
  });
});
