import { describe, expect, it } from 'vitest';

import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then one per interval, saying how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    now += 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    // Another key has its own bucket.
    expect(limiter.take('b')).toBe(0);
  });

  it('rounds the wait up to whole seconds, at least one', () => {
    let now = 0;
    const slow = new RateLimiter({ perSecond: 0.1, burst: 1, now: () => now });
    expect(slow.take('k')).toBe(0);
    expect(slow.take('k')).toBe(10);
    now += 9_500;
    expect(slow.take('k')).toBe(1);
  });

  it('never refills beyond the burst, and forgets the least recently used key past its bound', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, maxKeys: 2, now: () => now });
    now += 60_000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 1]);
    limiter.take('b');
    limiter.take('c');
    // 'a' was forgotten: a full bucket again.
    expect(limiter.take('a')).toBe(0);
  });
});
