import { timingSafeEqual } from 'node:crypto';

// Cross-site request forgery: a request authenticated by the session cookie may change
// something only when it comes from this site (Origin, when the browser sends one, is ours)
// and carries the session's CSRF token in a header, which another site cannot read or set.
// Requests with `Authorization: Bearer` carry no cookie and need neither.

import { CSRF_HEADER } from '@/lib/api/headers';

export { CSRF_HEADER };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkCsrf(
  req: { method: string; origin: string | null; token: string | null },
  site: string,
  sessionToken: string,
): CsrfVerdict {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return { ok: true };
  if (req.origin !== null && req.origin !== new URL(site).origin) {
    return { ok: false, reason: `Requests from ${req.origin} may not change anything here.` };
  }
  const a = Buffer.from(req.token ?? '');
  const b = Buffer.from(sessionToken);
  if (a.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) {
    return { ok: false, reason: `The ${CSRF_HEADER} header is missing or does not match this session; reload the page.` };
  }
  return { ok: true };
}
