import { describe, expect, it } from 'vitest';

import { classifyNode, isControlPlane, isInterlinkNode } from './node-kind';

const node = (labels: Record<string, string>) => ({ metadata: { name: 'n', labels } });

describe('classifyNode', () => {
  it.each([
    ['current label (interLink 0.4+)', { 'virtual-node.interlink/type': 'virtual-kubelet' }, 'interlink'],
    ['older label used by OSCAR docs', { type: 'virtual-kubelet' }, 'interlink'],
    ['both labels', { type: 'virtual-kubelet', 'virtual-node.interlink/type': 'virtual-kubelet' }, 'interlink'],
    ['label with another value', { type: 'gpu' }, 'other'],
    ['ordinary worker', { 'kubernetes.io/hostname': 'worker-1' }, 'other'],
    ['control-plane even when labelled', { type: 'virtual-kubelet', 'node-role.kubernetes.io/control-plane': '' }, 'other'],
    ['master even when labelled', { 'virtual-node.interlink/type': 'virtual-kubelet', 'node-role.kubernetes.io/master': 'true' }, 'other'],
  ] as const)('%s → %s', (_name, labels, expected) => {
    expect(classifyNode(node(labels))).toBe(expected);
  });

  it('handles missing metadata', () => {
    expect(isInterlinkNode({})).toBe(false);
    expect(isControlPlane({})).toBe(false);
  });
});
