import { describe, expect, it } from 'vitest';
import { getJson, kubectl } from '../../scripts/lib/lab-commands.ts';
import { condition, type NodeObj } from '../../scripts/lib/k8s-shapes.ts';

describe('lab nodes', () => {
  it.each(['vega-vk', 'lumi-vk'])('%s is a Ready interLink virtual node with a ping answer', async (name) => {
    const node = await getJson<NodeObj>('admin', ['get', 'node', name]);
    expect(node.metadata.labels?.['virtual-node.interlink/type']).toBe('virtual-kubelet');
    expect(node.spec.taints).toContainEqual({ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' });
    expect(condition(node, 'Ready')?.status).toBe('True');
    expect(condition(node, 'InterlinkConnectivity')).toMatchObject({ status: 'True', reason: 'InterlinkPingSuccessful' });
    // The Slurm plugin answers the ping with the text of `sinfo -s`, one line per partition.
    const ping = node.metadata.annotations?.['interlink.virtual-kubelet.io/ping-response'] ?? '';
    expect(ping).toMatch(/^PARTITION +AVAIL +TIMELIMIT +NODES\(A\/I\/O\/T\) +NODELIST\n/);
    expect(ping).toMatch(/^cpu\* +up +infinite +\d+\/\d+\/\d+\/1 +labnode$/m);
    expect(ping).toMatch(/^gpu +up +infinite +\d+\/\d+\/\d+\/1 +labnode$/m);
    // A text answer leaves the virtual kubelet's own capacity (its defaults) in place.
    const full = await getJson<{
      spec: { providerID?: string };
      status: { capacity: Record<string, string>; nodeInfo: Record<string, string> };
    }>('admin', ['get', 'node', name]);
    expect(full.status.capacity).toEqual({ cpu: '100', memory: '3T', pods: '10k' });
    expect(full.spec.providerID).toBe(`external:///${name}`);
    // The released virtual kubelet, version-stamped as upstream's release build does.
    expect(full.status.nodeInfo).toMatchObject({ kubeletVersion: '0.6.2', architecture: 'virtual-kubelet', operatingSystem: 'linux' });
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
