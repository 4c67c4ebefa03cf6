import 'server-only';

import { CSRF_HEADER, checkCsrf } from '@/lib/auth/csrf';
import { readSession, tokenExpired } from '@/lib/auth/session';
import { authConfig, siteOrigin, type SigninConfig } from '@/lib/auth/settings';
import type { AuthConfig } from '@/lib/auth/config';
import type { Identity } from '@/lib/k8s/access';
import { Forbidden, Unauthorized } from '@/lib/k8s/errors';

// Who a request acts as:
// - `Authorization: Bearer <Kubernetes token>` (scripts): exactly that identity. Such a
//   request carries no cookie a browser would add on its own, so it needs no CSRF token.
// - the session cookie (browsers): the token sealed in it. A state-changing request must
//   also pass the CSRF check (same-site Origin and the session's token in x-csrf-token).
// - neither: 401, unless sign-in is off (OFFLOAD_AUTH=none), when everyone acts as the
//   server's own identity.

export function identify(request: Request): Identity {
  return identifyWith(request, authConfig());
}

export function identifyWith(request: Request, config: AuthConfig, now = Date.now()): Identity {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1];
    if (token === undefined) throw new Unauthorized('The Authorization header must be "Bearer <Kubernetes token>".');
    return { kind: 'bearer', token };
  }
  if (config.mode === 'none') return { kind: 'server' };
  return { kind: 'bearer', token: sessionToken(request, config, now) };
}

function sessionToken(request: Request, config: SigninConfig, now: number): string {
  const session = readSession(request.headers.get('cookie'), config.sessionSecret, now);
  if (session === null) throw new Unauthorized('Sign in first: send the session cookie, or "Authorization: Bearer <Kubernetes token>".');
  if (tokenExpired(session, now)) throw new Unauthorized('Your sign-in has expired; sign in again.');
  const csrf = checkCsrf(
    { method: request.method, origin: request.headers.get('origin'), token: request.headers.get(CSRF_HEADER) },
    siteOrigin(config, request),
    session.csrf,
  );
  if (!csrf.ok) throw new Forbidden(csrf.reason);
  return session.token;
}
