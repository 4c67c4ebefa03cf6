import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { NodeViewSchema } from '@/lib/api/nodes';
import type { Node } from '@/lib/interlink/model/types';

import { buildNodeView, viewDigest, withoutJobCounts } from './node-views';

const NOW = new Date('2026-01-01T10:00:40Z');
const ping = JSON.stringify({
  status: 'ok',
  resources: { cpu: '16', memory: '256Gi', pods: '1000', accelerators: [{ resourceType: 'nvidia.com/gpu', available: 4 }] },
  taints: [],
});

function vk(connected: boolean, beat = '2026-01-01T10:00:30Z'): Node {
  return {
    metadata: {
      name: 'vega-vk',
      resourceVersion: '7',
      labels: { 'virtual-node.interlink/type': 'virtual-kubelet' },
      annotations: { 'interlink.virtual-kubelet.io/ping-response': connected ? ping : '' },
    },
    spec: { taints: [{ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '100', memory: '3T', pods: '10k' },
      nodeInfo: { kubeletVersion: '0.6.2' },
      conditions: [
        { type: 'Ready', status: connected ? 'True' : 'False', reason: 'KubeletPending', lastHeartbeatTime: beat },
        {
          type: 'InterlinkConnectivity',
          status: connected ? 'True' : 'False',
          reason: connected ? 'InterlinkPingSuccessful' : 'InterlinkPingFailed',
          message: connected ? 'ok' : 'Ping failed: connection refused',
          lastHeartbeatTime: beat,
        },
      ],
    },
  };
}

const inputs = {
  now: NOW,
  jobs: { Running: 2 },
  history: { since: 'x', label: 'y', entries: [] },
  downSince: { at: '2026-01-01T09:59:00Z', exact: true },
};

describe('buildNodeView', () => {
  it('describes a healthy virtual node with parsed ping resources and job counts', () => {
    const v = buildNodeView(vk(true), inputs);
    expect(NodeViewSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({
      name: 'vega-vk',
      kind: 'interlink',
      ready: true,
      healthy: true,
      why: null,
      downSince: null,
      heartbeatAgeSeconds: 10,
      interlinkVersion: '0.6.2',
      jobs: { Running: 2 },
    });
    expect(v).toMatchObject({ pingKind: 'json', pingStatus: 'ok', pingPartitions: null, pingRaw: ping });
    expect(v.pingResources?.accelerators).toEqual([{ resourceType: 'nvidia.com/gpu', available: '4', model: null }]);
  });

  it("carries the Slurm plugin's sinfo partitions, as the real vega-vk reports them", () => {
    const file = path.join(__dirname, '..', 'interlink', 'fixtures', 'lab', 'node-Ready.json');
    const v = buildNodeView(JSON.parse(readFileSync(file, 'utf8')) as Node, { ...inputs, now: new Date('2026-11-30T09:14:42Z') });
    expect(NodeViewSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({ healthy: true, pingKind: 'sinfo', pingResources: null, pingStatus: null, interlinkVersion: '0.6.2' });
    expect(v.pingPartitions?.map((p) => [p.name, p.isDefault, p.availability, p.timeLimit?.kind, p.nodes, p.nodeList])).toEqual([
      ['cpu', true, 'up', 'unlimited', { allocated: 0, idle: 1, other: 0, total: 1 }, 'labnode'],
      ['gpu', false, 'up', 'unlimited', { allocated: 0, idle: 1, other: 0, total: 1 }, 'labnode'],
    ]);
    expect(v.pingRaw).toMatch(/^PARTITION AVAIL/);
  });

  it('keeps an answer in no known format as text, never as an error', () => {
    const node = vk(true);
    const v = buildNodeView(
      { ...node, metadata: { ...node.metadata, annotations: { 'interlink.virtual-kubelet.io/ping-response': '{not json' } } },
      inputs,
    );
    expect(NodeViewSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({ healthy: true, pingKind: 'text', pingResources: null, pingPartitions: null, pingRaw: '{not json' });
  });

  it('says why an unreachable node is not ready, and since when', () => {
    const v = buildNodeView(vk(false), inputs);
    expect(v.why).toBe('interLink API unreachable: Ping failed: connection refused');
    expect(v.downSince).toEqual(inputs.downSince);
    expect(v).toMatchObject({ pingKind: 'none', pingResources: null, pingPartitions: null, pingRaw: null });
  });

  it('has no usage figures at all, only configured capacity', () => {
    const keys = Object.keys(buildNodeView(vk(true), inputs));
    expect(keys.filter((k) => /usage/i.test(k))).toEqual([]);
  });
});

describe('viewDigest', () => {
  it('ignores the heartbeat age but not the heartbeat', () => {
    const a = buildNodeView(vk(true), inputs);
    expect(viewDigest(a)).toBe(viewDigest({ ...a, heartbeatAgeSeconds: 99 }));
    expect(viewDigest(a)).not.toBe(viewDigest(buildNodeView(vk(true, '2026-01-01T10:00:35Z'), inputs)));
  });
});

describe('withoutJobCounts', () => {
  it('hides counts', () => {
    expect(withoutJobCounts(buildNodeView(vk(true), inputs)).jobs).toBeNull();
  });
});
