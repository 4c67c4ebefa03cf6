import { describe, expect, it } from 'vitest';

import { chooseConfigSource } from './config';

const files =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('chooseConfigSource', () => {
  it('prefers $KUBECONFIG, taking the first existing file of a list', () => {
    expect(chooseConfigSource({ KUBECONFIG: '/a:/b' }, files('/b', '/repo/.lab/kubeconfig'), '/repo')).toEqual({
      kind: 'file',
      path: '/b',
      from: 'KUBECONFIG',
    });
  });

  it("finds the lab's kubeconfig at the repo root, also from the standalone folder", () => {
    expect(chooseConfigSource({}, files('/repo/.lab/kubeconfig'), '/repo/.next/standalone')).toEqual({
      kind: 'file',
      path: '/repo/.lab/kubeconfig',
      from: 'lab',
    });
  });

  it('takes the lab named by OFFLOAD_LAB_DIR, and then never .lab', () => {
    const env = { OFFLOAD_LAB_DIR: '/repo/.lab-test' };
    expect(chooseConfigSource(env, files('/repo/.lab/kubeconfig', '/repo/.lab-test/kubeconfig'), '/repo')).toEqual({
      kind: 'file',
      path: '/repo/.lab-test/kubeconfig',
      from: 'lab',
    });
    expect(chooseConfigSource({ OFFLOAD_LAB_DIR: '.lab-test' }, files('/repo/.lab-test/kubeconfig'), '/repo')).toEqual({
      kind: 'file',
      path: '/repo/.lab-test/kubeconfig',
      from: 'lab',
    });
    const none = chooseConfigSource(env, files('/repo/.lab/kubeconfig'), '/repo');
    expect(none).toEqual({ kind: 'none', looked: expect.stringContaining('/repo/.lab-test/kubeconfig') });
  });

  const token = '/var/run/secrets/kubernetes.io/serviceaccount/token';
  it('falls back to the in-cluster service account', () => {
    expect(chooseConfigSource({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, files(token), '/app')).toEqual({ kind: 'in-cluster', root: '' });
  });

  it('reads the service-account files under OFFLOAD_SERVICEACCOUNT_ROOT when set', () => {
    const env = { KUBERNETES_SERVICE_HOST: '127.0.0.1', OFFLOAD_SERVICEACCOUNT_ROOT: '/tmp/sa' };
    expect(chooseConfigSource(env, files(`/tmp/sa${token}`), '/app')).toEqual({ kind: 'in-cluster', root: '/tmp/sa' });
    expect(chooseConfigSource(env, files(token), '/app').kind).toBe('none');
  });

  it('says where it looked when nothing is found', () => {
    const s = chooseConfigSource({}, files(), '/app');
    expect(s.kind).toBe('none');
  });
});
