import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { WATCH_BACKOFF, backoffDelay, watchTimeoutSeconds } from './backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('waits nothing before the first failure and doubles after each one', () => {
    expect(backoffDelay(0, WATCH_BACKOFF, middle)).toBe(0);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, WATCH_BACKOFF, middle))).toEqual([500, 1000, 2000, 4000]);
  });

  it('stops growing at the cap', () => {
    expect(backoffDelay(50, WATCH_BACKOFF, middle)).toBe(30_000);
  });

  it('stays within the jitter band and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const base = Math.min(WATCH_BACKOFF.maxMs, WATCH_BACKOFF.initialMs * 2 ** (n - 1));
        const d = backoffDelay(n, WATCH_BACKOFF, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * (1 - WATCH_BACKOFF.jitter)));
        expect(d).toBeLessThanOrEqual(WATCH_BACKOFF.maxMs);
      }),
    );
  });
});

describe('watchTimeoutSeconds', () => {
  it('spreads timeouts over [min, 2·min)', () => {
    expect(watchTimeoutSeconds(300, () => 0)).toBe(300);
    expect(watchTimeoutSeconds(300, () => 0.999)).toBe(599);
  });
});
