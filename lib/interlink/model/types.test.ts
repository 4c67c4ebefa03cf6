import type { CoreV1Event, V1Job, V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, expectTypeOf, it } from 'vitest';

import { findCondition, toIso, toMillis, type Job, type KubeEvent, type Node, type Pod } from './types';

describe('structural types', () => {
  it('accept the client library objects as they are', () => {
    // Compile-time contract: if client-node changes shape, `npm run lint` (tsc) fails here.
    expectTypeOf<V1Node>().toExtend<Node>();
    expectTypeOf<V1Pod>().toExtend<Pod>();
    expectTypeOf<V1Job>().toExtend<Job>();
    expectTypeOf<CoreV1Event>().toExtend<KubeEvent>();
  });
});

describe('toIso / toMillis', () => {
  it('reads strings and Dates alike', () => {
    expect(toIso('2025-01-02T03:04:05Z')).toBe('2025-01-02T03:04:05.000Z');
    expect(toIso(new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toBe('2025-01-02T03:04:05.000Z');
    expect(toMillis('1970-01-01T00:00:01Z')).toBe(1000);
  });

  it('turns absent or unreadable timestamps into null instead of throwing', () => {
    expect(toIso(undefined)).toBeNull();
    expect(toIso(null)).toBeNull();
    expect(toIso('not a date')).toBeNull();
    expect(toMillis('')).toBeNull();
  });
});

describe('findCondition', () => {
  it('finds by type', () => {
    const conditions = [
      { type: 'A', status: 'True' },
      { type: 'B', status: 'False' },
    ];
    expect(findCondition(conditions, 'B')?.status).toBe('False');
    expect(findCondition(conditions, 'C')).toBeUndefined();
    expect(findCondition(undefined, 'A')).toBeUndefined();
  });

  it('takes the last of a type written twice (the virtual kubelet appends)', () => {
    const conditions = [
      { type: 'Ready', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False' },
    ];
    expect(findCondition(conditions, 'Ready')?.status).toBe('False');
  });
});
