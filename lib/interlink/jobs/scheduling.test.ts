import { describe, expect, it } from 'vitest';

import { explainUnschedulable, schedulerReasons } from './scheduling';

describe('schedulerReasons', () => {
  it('splits the per-node reasons and drops counts and the preemption tail', () => {
    expect(
      schedulerReasons(
        "0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 2 node(s) didn't match Pod's node " +
          'affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for ' +
          'scheduling.',
      ),
    ).toEqual(['Insufficient nvidia.com/gpu', "node(s) didn't match Pod's node affinity/selector"]);
    expect(schedulerReasons('something else')).toEqual([]);
  });
});

describe('explainUnschedulable', () => {
  it.each([
    [null, 'vega-vk', 'waiting for the scheduler'],
    ['0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.', 'vega-vk', 'vega-vk is unreachable'],
    [
      '0/1 nodes are available: 1 node(s) had untolerated taint {site: cineca}.',
      'vega-vk',
      'the pod does not tolerate taint site of vega-vk',
    ],
    ['0/1 nodes are available: 1 Insufficient nvidia.com/gpu.', 'vega-vk', 'vega-vk has not enough free nvidia.com/gpu'],
    // Kubernetes 1.36's scheduler, captured in the lab with vega-vk's plugin stopped.
    [
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) " +
        'had untolerated taint(s). no new claims to deallocate, preemption: 0/3 nodes are ' +
        'available: 3 Preemption is not helpful for scheduling.',
      'vega-vk',
      'vega-vk has a taint the pod does not tolerate, as a node that is not ready or unreachable has',
    ],
    ['0/1 nodes are available: 1 Too many pods.', 'vega-vk', 'vega-vk has no room for more pods'],
    ["0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", null, "no node matches the pod's node selector"],
    ['0/1 nodes are available: 1 node(s) had volume node affinity conflict.', 'vega-vk', 'node(s) had volume node affinity conflict'],
    ['pod has unbound immediate PersistentVolumeClaims', 'vega-vk', 'pod has unbound immediate PersistentVolumeClaims'],
  ])('%j → %s', (message, node, expected) => {
    expect(explainUnschedulable(message, node)).toBe(expected);
  });
});
