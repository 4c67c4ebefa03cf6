import 'server-only';

import type { SessionInfo } from '@/lib/api/auth';
import { SERVER_OWNER } from '@/lib/k8s/whoami';

import { readSession, tokenExpired } from './session';
import { authConfig } from './settings';

/** What the browser may know of its session: who, until when, the CSRF value; no token. */
export function sessionInfo(request: Request, now = Date.now()): SessionInfo {
  const config = authConfig();
  if (config.mode === 'none') {
    return { authenticated: true, username: SERVER_OWNER, groups: [], method: 'none', expiresAt: null, canRefresh: false, csrfToken: '' };
  }
  const session = readSession(request.headers.get('cookie'), config.sessionSecret, now);
  const canRefresh = session?.method === 'oidc' && session.refreshToken !== null;
  if (session === null || (tokenExpired(session, now) && !canRefresh)) {
    const methods = config.methods.filter((m) => m !== 'oidc' || config.oidc !== null);
    return { authenticated: false, methods, issuer: config.oidc?.issuer ?? null, expired: session !== null };
  }
  return {
    authenticated: true,
    username: session.username,
    groups: session.groups,
    method: session.method,
    expiresAt: session.tokenExpiresAt === null ? null : new Date(session.tokenExpiresAt).toISOString(),
    canRefresh,
    csrfToken: session.csrf,
  };
}
