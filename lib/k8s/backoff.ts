import 'server-only';

// How long to wait before the next attempt after consecutive failures: exponential, capped,
// with jitter so that many replicas restarted by one API-server outage do not all come
// back in the same millisecond. Pure; `random` is injectable for tests.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay added or removed at random, 0..1. */
  jitter: number;
}

export const WATCH_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** Delay before attempt `failures` (1 = after the first failure). Never negative, never above maxMs. */
export function backoffDelay(failures: number, policy: BackoffPolicy = WATCH_BACKOFF, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** (failures - 1));
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(policy.maxMs, Math.max(0, base + spread)));
}

/**
 * Server-side watch timeout in seconds, spread over [min, 2·min) like client-go's
 * reflector, so the watches of one process do not all end and reconnect together.
 */
export function watchTimeoutSeconds(minSeconds = 300, random: () => number = Math.random): number {
  return Math.floor(minSeconds * (1 + random()));
}
