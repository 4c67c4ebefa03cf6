import 'server-only';

import { getLive } from './live';

// GET /api/readyz: ready once every kind is synced and every watch is connected. Reading
// the state costs no API-server request; the first call also starts the cache.

export function readiness(): { status: number; body: object } {
  const health = getLive().cache.health();
  const checks = health.informers.map((s) => ({
    kind: s.resource,
    synced: s.synced,
    state: s.state,
    failures: s.failures,
    objects: s.items,
  }));
  if (health.synced && health.reachable) return { status: 200, body: { status: 'ready', checks } };
  const message = health.reason ?? 'The cache is not ready.';
  return { status: 503, body: { error: { code: 'unavailable', message }, checks } };
}
