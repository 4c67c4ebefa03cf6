import { describe, expect, it } from 'vitest';

import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('forgets entries after the TTL', () => {
    let now = 0;
    const c = new TtlCache<string>(1000, 10, () => now);
    c.set('k', 'v');
    now = 999;
    expect(c.get('k')).toBe('v');
    now = 1000;
    expect(c.get('k')).toBeUndefined();
  });

  it('evicts the oldest entry beyond the bound', () => {
    const c = new TtlCache<number>(1000, 2, () => 0);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('shares one computation between concurrent callers and remembers its result', async () => {
    const c = new TtlCache<number>(1000, 10, () => 0);
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return 42;
    };
    expect(await Promise.all([c.getOrCompute('k', compute), c.getOrCompute('k', compute)])).toEqual([42, 42]);
    expect(await c.getOrCompute('k', compute)).toBe(42);
    expect(calls).toBe(1);
  });

  it('does not remember a failure', async () => {
    const c = new TtlCache<number>(1000, 10, () => 0);
    await expect(c.getOrCompute('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await c.getOrCompute('k', async () => 1)).toBe(1);
  });
});
