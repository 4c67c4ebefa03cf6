import { describe, expect, it } from 'vitest';

import { countJobsByNode } from './node-jobs';
import type { Job, Pod } from '../model/types';

const nodes = new Set(['vega-vk', 'lumi-vk']);
const toleration = { key: 'virtual-node.interlink/no-schedule', operator: 'Exists' };

function job(name: string, node: string, extra: Partial<Job['status']> = {}): Job {
  return {
    metadata: { name, namespace: 'alice', uid: `uid-${name}` },
    spec: { template: { spec: { nodeSelector: { 'kubernetes.io/hostname': node }, tolerations: [toleration] } } },
    status: { ...extra },
  };
}

function pod(name: string, node: string, phase: string, jobName?: string): Pod {
  return {
    metadata: {
      name,
      namespace: 'alice',
      labels: jobName ? { 'batch.kubernetes.io/controller-uid': `uid-${jobName}` } : {},
      annotations: { JobID: '7' },
    },
    spec: { nodeName: node, tolerations: [toleration] },
    status: { phase, conditions: [{ type: 'PodScheduled', status: 'True' }] },
  };
}

describe('countJobsByNode', () => {
  it('counts each offloaded Job once, in the state of its current pod', () => {
    const counts = countJobsByNode(
      [job('a', 'vega-vk'), job('b', 'vega-vk'), job('c', 'lumi-vk')],
      [pod('a-1', 'vega-vk', 'Running', 'a'), pod('b-1', 'vega-vk', 'Pending', 'b'), pod('c-1', 'lumi-vk', 'Running', 'c')],
      nodes,
    );
    expect(counts.get('vega-vk')).toEqual({ Running: 1, Queued: 1 });
    expect(counts.get('lumi-vk')).toEqual({ Running: 1 });
  });

  it('counts a Job without a pod on the node it selects', () => {
    expect(countJobsByNode([job('a', 'lumi-vk')], [], nodes).get('lumi-vk')).toEqual({ WaitingForNode: 1 });
  });

  it('counts offloaded pods that no Job owns, and ignores ordinary work', () => {
    const ordinary: Pod = { metadata: { name: 'web' }, spec: { nodeName: 'worker-1' }, status: { phase: 'Running' } };
    const counts = countJobsByNode([], [pod('bare', 'vega-vk', 'Succeeded'), ordinary], nodes);
    expect(counts.get('vega-vk')).toEqual({ Succeeded: 1 });
    expect(counts.has('worker-1')).toBe(false);
  });
});
