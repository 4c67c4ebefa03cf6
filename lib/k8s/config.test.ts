import { describe, expect, it } from 'vitest';

import { chooseConfigSource } from './config';

const files = (...paths: string[]) => (p: string) => paths.includes(p);

describe('chooseConfigSource', () => {
  it('prefers $KUBECONFIG, taking the first existing file of a list', () => {
    expect(chooseConfigSource({ KUBECONFIG: '/a:/b' }, files('/b', '/repo/.lab/kubeconfig'), '/repo')).toEqual({ kind: 'file', path: '/b', from: 'KUBECONFIG' });
  });

  it("finds the lab's kubeconfig at the repo root, also from the standalone folder", () => {
    expect(chooseConfigSource({}, files('/repo/.lab/kubeconfig'), '/repo/.next/standalone')).toEqual({ kind: 'file', path: '/repo/.lab/kubeconfig', from: 'lab' });
  });

  it('falls back to the in-cluster service account', () => {
    const token = '/var/run/secrets/kubernetes.io/serviceaccount/token';
    expect(chooseConfigSource({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, files(token), '/app')).toEqual({ kind: 'in-cluster' });
  });

  it('says where it looked when nothing is found', () => {
    const s = chooseConfigSource({}, files(), '/app');
    expect(s.kind).toBe('none');
  });
});
