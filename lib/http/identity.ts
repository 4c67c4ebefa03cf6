import 'server-only';

import { CSRF_HEADER, checkCsrf } from '@/lib/auth/csrf';
import { readSession, tokenExpired, type Session } from '@/lib/auth/session';
import { authConfig, siteOrigin, type SigninConfig } from '@/lib/auth/settings';
import type { AuthConfig } from '@/lib/auth/config';
import type { Identity } from '@/lib/k8s/access';
import { Forbidden, Unauthorized } from '@/lib/errors';

import { chargeRequest, reviewedUser } from './admission';
import { readJsonBody, refuseDeclaredTooLarge } from './body';

// Who a request acts as:
// - `Authorization: Bearer <Kubernetes token>` (scripts): exactly that identity. Such a
//   request carries no cookie a browser would add on its own, so it needs no CSRF token.
// - the session cookie (browsers): the token sealed in it. A state-changing request must
//   also pass the CSRF check (same-site Origin and the session's token in x-csrf-token).
// - neither: 401, unless sign-in is off (OFFLOAD_AUTH=none), when everyone acts as the
//   server's own identity.

/**
 * The request's identity, admitted (lib/http/admission.ts): a script's bearer token is checked
 * by the API server first (401, or 429 in a flood of unknown tokens), and every token's
 * request rate is counted (429). Call it before reading the body.
 */
export async function identify(request: Request): Promise<Identity> {
  const identity = identifyWith(request, authConfig());
  if (identity.kind === 'server') return identity;
  const user = identity.user ?? (await reviewedUser(identity.token)).username;
  chargeRequest(identity.token);
  return { ...identity, user };
}

/** `identify`, then the JSON body, at most `maxBytes` of it: a declared length over it is refused (413) before the token costs a review. */
export async function identifyWithBody(request: Request, maxBytes: number): Promise<{ identity: Identity; body: unknown }> {
  refuseDeclaredTooLarge(request, maxBytes);
  const identity = await identify(request);
  return { identity, body: await readJsonBody(request, maxBytes) };
}

/** Who the request claims to be, checked as far as that needs no cluster request (`user` only for a session). */
export function identifyWith(request: Request, config: AuthConfig, now = Date.now()): Identity {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1];
    if (token === undefined) throw new Unauthorized('The Authorization header must be "Bearer <Kubernetes token>".');
    return { kind: 'bearer', token };
  }
  if (config.mode === 'none') return { kind: 'server' };
  const session = sessionOf(request, config, now);
  return { kind: 'bearer', token: session.token, user: session.username };
}

/** The session, once its CSRF check passes; its token was checked by the API server at sign-in. */
function sessionOf(request: Request, config: SigninConfig, now: number): Session {
  const session = readSession(request.headers.get('cookie'), config.sessionSecret, now);
  if (session === null) throw new Unauthorized('Sign in first: send the session cookie, or "Authorization: Bearer <Kubernetes token>".');
  if (tokenExpired(session, now)) throw new Unauthorized('Your sign-in has expired; sign in again.');
  const csrf = checkCsrf(
    { method: request.method, origin: request.headers.get('origin'), token: request.headers.get(CSRF_HEADER) },
    siteOrigin(config, request),
    session.csrf,
  );
  if (!csrf.ok) throw new Forbidden(csrf.reason);
  return session;
}
