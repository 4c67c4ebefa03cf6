import 'server-only';

import { CSRF_HEADER, checkCsrf } from '@/lib/auth/csrf';
import { readSession } from '@/lib/auth/session';
import { authConfig, siteOrigin } from '@/lib/auth/settings';
import { Forbidden } from '@/lib/errors';

// Cross-site request forgery on the sign-in routes themselves. Signing in with a token
// (login CSRF: being signed in as someone else) must come from this site, as a JSON fetch
// (not a form another site could post). Renewing and signing out a session must also echo
// that session's CSRF token.

export function requireSameSite(request: Request): void {
  const config = authConfig();
  if (config.mode === 'none') return;
  const origin = request.headers.get('origin');
  const site = siteOrigin(config, request);
  if (origin !== null && origin !== site) throw new Forbidden(`Requests from ${origin} may not sign in or out here.`);
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw new Forbidden('Cross-site requests may not sign in or out here.');
  const type = request.headers.get('content-type') ?? '';
  if (request.headers.get(CSRF_HEADER) === null && !type.startsWith('application/json')) {
    throw new Forbidden(`Send this request as JSON (Content-Type: application/json) or with the ${CSRF_HEADER} header.`);
  }
  const session = readSession(request.headers.get('cookie'), config.sessionSecret);
  if (session === null || request.headers.get(CSRF_HEADER) === null) return;
  const verdict = checkCsrf({ method: request.method, origin, token: request.headers.get(CSRF_HEADER) }, site, session.csrf);
  if (!verdict.ok) throw new Forbidden(verdict.reason);
}
