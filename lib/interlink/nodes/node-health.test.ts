import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { explainNotHealthy, explainPingFailure, readCondition, summarizeNode, type ConditionView } from './node-health';
import type { Node, NodeCondition } from '../model/types';

const now = new Date('2025-06-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();

/** The conditions interLink's virtual kubelet writes, per its health loop (see node-health.ts). */
function vkConditions(state: 'starting' | 'ok' | 'failed', beat = ago(10)): NodeCondition[] {
  const ready = state === 'ok';
  const base: NodeCondition[] = [
    {
      type: 'Ready',
      status: ready ? 'True' : 'False',
      reason: 'KubeletPending',
      message: 'kubelet is pending.',
      lastHeartbeatTime: beat,
      lastTransitionTime: beat,
    },
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: beat },
    { type: 'NetworkUnavailable', status: ready ? 'False' : 'True', reason: 'RouteCreated', lastHeartbeatTime: beat },
  ];
  if (state === 'ok')
    base.push({
      type: 'InterlinkConnectivity',
      status: 'True',
      reason: 'InterlinkPingSuccessful',
      message: 'Ping successful with code 200',
      lastHeartbeatTime: beat,
      lastTransitionTime: beat,
    });
  if (state === 'failed')
    base.push({
      type: 'InterlinkConnectivity',
      status: 'False',
      reason: 'InterlinkPingFailed',
      message: 'Ping failed: dial tcp 10.0.0.1:3000: connect: connection refused',
      lastHeartbeatTime: beat,
      lastTransitionTime: beat,
    });
  return base;
}

function virtualNode(conditions: NodeCondition[], ping?: string, extra: Partial<Node> = {}): Node {
  return {
    metadata: {
      name: 'vega-vk',
      labels: { 'virtual-node.interlink/type': 'virtual-kubelet', 'kubernetes.io/hostname': 'vega-vk', 'nvidia-gpu-type': 'a100' },
      annotations: ping === undefined ? {} : { 'interlink.virtual-kubelet.io/ping-response': ping },
    },
    spec: { taints: [{ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' }] },
    status: {
      conditions,
      capacity: { cpu: '100', memory: '3000G', pods: '10000', 'nvidia.com/gpu': '4', 'amd.com/gpu': '0' },
      allocatable: { cpu: '100', memory: '3000G', pods: '10000', 'nvidia.com/gpu': '4' },
      nodeInfo: { kubeletVersion: '0.6.1', architecture: 'virtual-kubelet' },
    },
    ...extra,
  };
}

describe('summarizeNode', () => {
  it('summarizes a healthy virtual node', () => {
    const h = summarizeNode(virtualNode(vkConditions('ok'), '{"status":"ok","resources":{"cpu":"64"}}'), { now });
    expect(h).toMatchObject({
      name: 'vega-vk',
      kind: 'interlink',
      ready: true,
      readyStatus: 'True',
      healthy: true,
      why: null,
      readySince: ago(10),
      notReadySince: null,
      lastHeartbeat: ago(10),
      heartbeatAgeSeconds: 10,
      heartbeatStale: false,
      interlinkVersion: '0.6.1',
      connectivity: { status: 'True', reason: 'InterlinkPingSuccessful' },
      taints: [{ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' }],
      accelerators: [{ resource: 'nvidia.com/gpu', capacity: '4', allocatable: '4', model: 'a100' }],
      pingResources: { cpu: '64', memory: null, pods: null, accelerators: [] },
      pingRaw: '{"status":"ok","resources":{"cpu":"64"}}',
    });
  });

  it('does not key on the Ready reason (KubeletPending even when True)', () => {
    const h = summarizeNode(virtualNode(vkConditions('ok')), { now });
    expect(h.reason).toBe('KubeletPending');
    expect(h.healthy).toBe(true);
  });

  it('explains a failed ping with the connectivity message', () => {
    const h = summarizeNode(virtualNode(vkConditions('failed'), ''), { now });
    expect(h.ready).toBe(false);
    expect(h.notReadySince).toBe(ago(10));
    expect(h.why).toBe('interLink API unreachable: Ping failed: dial tcp 10.0.0.1:3000: connect: connection refused');
    expect(h.ping).toEqual({ kind: 'none' });
    expect(h.pingRaw).toBeNull();
  });

  it('explains start-up before the first ping', () => {
    expect(summarizeNode(virtualNode(vkConditions('starting')), { now }).why).toBe('virtual kubelet starting: no ping yet');
    expect(summarizeNode(virtualNode([]), { now }).why).toBe('virtual kubelet starting: no status reported yet');
  });

  it('calls the heartbeat stale before trusting old conditions', () => {
    const h = summarizeNode(virtualNode(vkConditions('ok', ago(600))), { now });
    expect(h.heartbeatStale).toBe(true);
    expect(h.ready).toBe(true);
    expect(h.healthy).toBe(false);
    expect(h.why).toBe('node heartbeat stale for 600 s: the virtual kubelet has stopped reporting');
    expect(summarizeNode(virtualNode(vkConditions('ok', ago(600))), { now, staleAfterSeconds: 900 }).healthy).toBe(true);
  });

  it('reports Unknown set by the node lifecycle controller', () => {
    const conditions: NodeCondition[] = [
      {
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: ago(30),
      },
    ];
    expect(summarizeNode(virtualNode(conditions), { now }).why).toBe('node status unknown: Kubelet stopped posting node status.');
  });

  it('keeps a malformed ping as text, not as an error', () => {
    const h = summarizeNode(virtualNode(vkConditions('ok'), '{oops'), { now });
    expect(h.ping).toEqual({ kind: 'text', text: '{oops' });
    expect(h.pingResources).toBeNull();
    expect(h.pingRaw).toBe('{oops');
    expect(h.healthy).toBe(true);
  });

  it('reads vega-vk as interLink 0.6.2 and Slurm plugin 0.6.1 report it: ready, with sinfo partitions', () => {
    // Captured from the lab by lab/capture-fixtures.sh (interLink 0.6.2, Slurm plugin 0.6.1).
    const file = path.join(__dirname, '..', 'fixtures', 'lab', 'node-Ready.json');
    const node = JSON.parse(readFileSync(file, 'utf8')) as Node;
    const raw = node.metadata?.annotations?.['interlink.virtual-kubelet.io/ping-response'];
    const beat = Date.parse(node.status?.conditions?.[0]?.lastHeartbeatTime?.toString() ?? '');
    const h = summarizeNode(node, { now: new Date(beat + 10_000) });
    expect(h).toMatchObject({
      name: 'vega-vk',
      kind: 'interlink',
      ready: true,
      reason: 'KubeletPending',
      healthy: true,
      why: null,
      heartbeatAgeSeconds: 10,
      heartbeatStale: false,
      interlinkVersion: '0.6.2',
      connectivity: { status: 'True', reason: 'InterlinkPingSuccessful', message: `Ping successful with code 200. Response: ${raw}` },
      taints: [{ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' }],
      capacity: { cpu: '100', memory: '3T', pods: '10k' },
      accelerators: [],
      pingResources: null,
      pingRaw: raw,
    });
    const partition = (name: string, isDefault: boolean) => ({
      name,
      isDefault,
      availability: 'up',
      availabilityText: 'up',
      timeLimit: { kind: 'unlimited', text: 'infinite' },
      nodes: { allocated: 0, idle: 1, other: 0, total: 1 },
      nodeList: 'labnode',
    });
    expect(h.ping).toEqual({ kind: 'sinfo', partitions: [partition('cpu', true), partition('gpu', false)] });
  });

  it('never exposes usage figures, only configured capacity', () => {
    const h = summarizeNode(virtualNode(vkConditions('ok')), { now });
    expect(Object.keys(h)).not.toEqual(expect.arrayContaining(['usage']));
    expect(JSON.stringify(h)).not.toMatch(/usage/i);
  });

  it('judges ordinary nodes by Ready alone, without heartbeat staleness', () => {
    const worker: Node = {
      metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } },
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: ago(3600) }] },
    };
    const h = summarizeNode(worker, { now });
    expect(h).toMatchObject({ kind: 'other', healthy: true, heartbeatStale: false, accelerators: [], interlinkVersion: null });
    const down = {
      ...worker,
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy' }] },
    };
    expect(summarizeNode(down, { now }).why).toBe('node not ready: PLEG is not healthy');
  });

  it('healthy exactly when there is no explanation, for any conditions', () => {
    const status = fc.constantFrom('True', 'False', 'Unknown', 'weird');
    const condition = fc.record({
      type: fc.constantFrom('Ready', 'InterlinkConnectivity', 'NetworkUnavailable'),
      status,
      message: fc.option(fc.string(), { nil: undefined }),
      lastHeartbeatTime: fc.option(fc.integer({ min: 0, max: 3600 }).map(ago), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(condition, { maxLength: 4 }), fc.option(fc.string(), { nil: undefined }), (conditions, ping) => {
        const h = summarizeNode(virtualNode(conditions, ping), { now });
        expect(h.healthy).toBe(h.why === null);
        if (h.healthy) expect(h.ready).toBe(true);
      }),
    );
  });
});

describe('readCondition / explainNotHealthy', () => {
  const view = (status: ConditionView['status'], message: string | null = null): ConditionView => ({
    status,
    reason: null,
    message,
    lastTransition: null,
  });

  it('maps odd statuses to Unknown and missing ones to Absent', () => {
    expect(readCondition([{ type: 'Ready', status: 'maybe' }], 'Ready').status).toBe('Unknown');
    expect(readCondition([], 'Ready').status).toBe('Absent');
  });

  it('falls back to generic words when messages are missing', () => {
    expect(explainNotHealthy('interlink', view('False'), view('False'), null)).toBe('interLink API unreachable: Ping failed');
    expect(explainNotHealthy('interlink', view('False', 'x'), view('True'), null)).toBe('node not ready: x');
    expect(explainNotHealthy('interlink', view('True'), view('Absent'), null)).toBeNull();
  });
});

describe('explainPingFailure', () => {
  it.each([
    [null, 'interLink API unreachable: Ping failed'],
    [
      'Ping failed: Post "http://127.0.0.1:23001/pinglink": dial tcp 127.0.0.1:23001: connect: connection refused',
      'interLink API unreachable: Ping failed: Post "http://127.0.0.1:23001/pinglink": dial tcp ' +
        '127.0.0.1:23001: connect: connection refused',
    ],
    // interLink 0.6.2 with its plugin stopped, captured in the lab (fixtures/lab/node-NotReady.json).
    [
      'Ping failed with code -1. Response: 503',
      "interLink's plugin is not answering: the interLink API answered 503 to the ping (Ping failed with code -1. Response: 503)",
    ],
    [
      'Ping failed with code 500',
      "interLink's plugin is not answering: the interLink API answered 500 to the ping (Ping failed with code 500)",
    ],
    // Both seen on the lab's lumi-vk (interLink 0.6.2 over http://): a kept-alive connection closed by the API.
    [
      'Ping failed: Post "http://127.0.0.1:23902/pinglink": EOF',
      'the interLink API closed the connection as the ping reused it (Ping failed: Post "http://127.0.0.1:23902/pinglink": EOF): ' +
        'usually a one-off, the next ping in 30 s succeeds; if it repeats, the interLink API is restarting or failing',
    ],
    [
      'Ping failed: Post "http://127.0.0.1:23902/pinglink": read tcp 127.0.0.1:55014->127.0.0.1:23902: read: connection reset by peer',
      'the interLink API closed the connection as the ping reused it (Ping failed: Post "http://127.0.0.1:23902/pinglink": ' +
        'read tcp 127.0.0.1:55014->127.0.0.1:23902: read: connection reset by peer): ' +
        'usually a one-off, the next ping in 30 s succeeds; if it repeats, the interLink API is restarting or failing',
    ],
    // Seen on vega-vk in a CI run, as the first ping after the plugin came back.
    [
      'Ping failed: Post "http://127.0.0.1:23101/pinglink": http: server closed idle connection',
      'the interLink API closed the connection as the ping reused it (Ping failed: Post "http://127.0.0.1:23101/pinglink": ' +
        'http: server closed idle connection): ' +
        'usually a one-off, the next ping in 30 s succeeds; if it repeats, the interLink API is restarting or failing',
    ],
    [
      'Ping failed with code 401. Response: unauthorized',
      'interLink refused the ping with HTTP 401 (Ping failed with code 401. Response: unauthorized)',
    ],
  ])('%s', (message, why) => {
    expect(explainPingFailure(message)).toBe(why);
  });

  it('explains the captured NotReady node', () => {
    const node = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'lab', 'node-NotReady.json'), 'utf8')) as Node;
    const beat = Date.parse(node.status?.conditions?.[0]?.lastHeartbeatTime?.toString() ?? '');
    expect(summarizeNode(node, { now: new Date(beat + 5_000) }).why).toBe(
      "interLink's plugin is not answering: the interLink API answered 503 to the ping (Ping failed with code -1. Response: 503)",
    );
  });
});
