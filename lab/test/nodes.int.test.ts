import { describe, expect, it } from 'vitest';
import { getJson, kubectl } from './lab';
import { condition, type NodeObj } from './types';

describe('lab nodes', () => {
  it.each(['vega-vk', 'lumi-vk'])('%s is a Ready interLink virtual node with a ping answer', async (name) => {
    const node = await getJson<NodeObj>('admin', ['get', 'node', name]);
    expect(node.metadata.labels?.['virtual-node.interlink/type']).toBe('virtual-kubelet');
    expect(node.spec.taints).toContainEqual({ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' });
    expect(condition(node, 'Ready')?.status).toBe('True');
    expect(condition(node, 'InterlinkConnectivity')).toMatchObject({ status: 'True', reason: 'InterlinkPingSuccessful' });
    const ping = node.metadata.annotations?.['interlink.virtual-kubelet.io/ping-response'] ?? '';
    expect(ping).not.toBe('');
    expect(JSON.parse(ping)).toMatchObject({ status: 'ok', resources: { cpu: expect.any(String) } });
    // The ping answer overrides capacity, accelerators included (the lab's plugins report 4 GPUs).
    const full = await getJson<{ status: { capacity: Record<string, string> } }>('admin', ['get', 'node', name]);
    expect(full.status.capacity).toMatchObject({ cpu: '16', memory: '256Gi', 'nvidia.com/gpu': '4' });
  });

  it('worker-1 (kwok) is Ready and not a virtual node', async () => {
    const node = await getJson<NodeObj>('admin', ['get', 'node', 'worker-1']);
    expect(condition(node, 'Ready')?.status).toBe('True');
    expect(node.metadata.labels?.['virtual-node.interlink/type']).toBeUndefined();
    // Without a renewed Lease the node controller marks a kwok node NotReady every few minutes.
    const lease = await getJson<{ spec: { renewTime?: string } }>('admin', ['get', 'lease', '-n', 'kube-node-lease', 'worker-1']);
    expect(Date.now() - Date.parse(lease.spec.renewTime ?? '')).toBeLessThan(60_000);
  });

  it('researchers read nodes', async () => {
    const r = await kubectl('alice', ['get', 'nodes', '-o', 'name']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('node/vega-vk');
  });
});

describe('lab RBAC', () => {
  it.each([
    ['get', 'pods', '-n', 'bob'],
    ['get', 'jobs', '-n', 'bob'],
    ['get', 'secrets', '-n', 'bob'],
    ['create', 'configmap', 'intruder', '-n', 'bob', '--from-literal=a=b'],
  ])('alice cannot %s %s in bob', async (...args) => {
    const r = await kubectl('alice', args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Forbidden|forbidden/);
  });

  it('alice manages jobs, configmaps and secrets in her own namespace', async () => {
    for (const what of ['jobs', 'configmaps', 'secrets']) {
      const r = await kubectl('alice', ['auth', 'can-i', 'create', what, '-n', 'alice']);
      expect(r.stdout.trim()).toBe('yes');
    }
    const logs = await kubectl('alice', ['auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', 'alice']);
    expect(logs.stdout.trim()).toBe('yes');
  });
});
