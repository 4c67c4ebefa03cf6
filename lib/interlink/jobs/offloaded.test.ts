import { describe, expect, it } from 'vitest';

import { isJobOffloaded, isPodOffloaded, targetVirtualNode, toleratesVirtualNodeTaint } from './offloaded';
import type { Job, PodSpec } from '../model/types';

const virtual = new Set(['vega-vk', 'lab-vk']);
const oscarToleration = { key: 'virtual-node.interlink/no-schedule', operator: 'Exists' };

describe('toleratesVirtualNodeTaint', () => {
  it.each([
    [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }, true],
    [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists', effect: 'NoSchedule' }, true],
    [{ key: 'virtual-node.interlink/no-schedule', operator: 'Equal', value: 'true' }, true],
    [{ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' }, true],
    [{ key: 'virtual-node.interlink/no-schedule', operator: 'Equal', value: 'false' }, false],
    [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ operator: 'Exists' }, true],
    [{ key: 'other', operator: 'Exists' }, false],
  ])('%j → %s', (toleration, expected) => {
    expect(toleratesVirtualNodeTaint(toleration)).toBe(expected);
  });
});

describe('targetVirtualNode', () => {
  it('prefers the bound node, then the hostname selector', () => {
    expect(targetVirtualNode({ nodeName: 'vega-vk' }, virtual)).toBe('vega-vk');
    expect(targetVirtualNode({ nodeSelector: { 'kubernetes.io/hostname': 'lab-vk' } }, virtual)).toBe('lab-vk');
    expect(targetVirtualNode({ nodeName: 'worker-1', nodeSelector: { 'kubernetes.io/hostname': 'lab-vk' } }, virtual)).toBeUndefined();
    expect(targetVirtualNode({ nodeSelector: { 'kubernetes.io/hostname': 'worker-1' } }, virtual)).toBeUndefined();
    expect(targetVirtualNode(undefined, virtual)).toBeUndefined();
  });
});

describe('isPodOffloaded', () => {
  const cases: Array<[string, PodSpec | undefined, boolean]> = [
    ['bound to a virtual node', { nodeName: 'vega-vk' }, true],
    ['selects a virtual node by hostname', { nodeSelector: { 'kubernetes.io/hostname': 'vega-vk' } }, true],
    ['OSCAR shape: selector + toleration', { nodeSelector: { 'kubernetes.io/hostname': 'vega-vk' }, tolerations: [oscarToleration] }, true],
    [
      'tolerates the taint, node not registered yet',
      { nodeSelector: { 'kubernetes.io/hostname': 'new-vk' }, tolerations: [oscarToleration] },
      true,
    ],
    ['bound to an ordinary node despite tolerating', { nodeName: 'worker-1', tolerations: [oscarToleration] }, false],
    ['wildcard toleration only (e.g. a DaemonSet)', { tolerations: [{ operator: 'Exists' }] }, false],
    ['plain pod', {}, false],
    ['no spec', undefined, false],
  ];
  it.each(cases)('%s', (_name, spec, expected) => {
    expect(isPodOffloaded(spec === undefined ? undefined : { spec }, virtual)).toBe(expected);
  });
});

describe('isJobOffloaded', () => {
  it('looks at the pod template', () => {
    const job: Job = {
      spec: { template: { spec: { nodeSelector: { 'kubernetes.io/hostname': 'vega-vk' }, tolerations: [oscarToleration] } } },
    };
    expect(isJobOffloaded(job, virtual)).toBe(true);
    expect(isJobOffloaded({ spec: { template: { spec: {} } } }, virtual)).toBe(false);
    expect(isJobOffloaded(undefined, virtual)).toBe(false);
  });
});
