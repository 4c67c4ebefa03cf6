// Token buckets, one per key: each key may spend `perSecond` on average and `burst` at once.
// Pure (the clock is passed in). Bounded: past `maxKeys` the least recently used key is
// forgotten, which only ever gives that key a full bucket again.

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxKeys?: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(o: RateLimitOptions) {
    this.perMs = o.perSecond / 1000;
    this.burst = o.burst;
    this.maxKeys = o.maxKeys ?? 10_000;
    this.now = o.now ?? Date.now;
  }

  /** Spends one for `key`: 0 when allowed, otherwise the whole seconds to wait before the next one is. */
  take(key: string): number {
    const now = this.now();
    const held = this.buckets.get(key);
    const tokens = held === undefined ? this.burst : Math.min(this.burst, held.tokens + (now - held.at) * this.perMs);
    // Delete and set again: the Map's first key is then the least recently used.
    this.buckets.delete(key);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }
}
