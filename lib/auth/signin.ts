import 'server-only';

import { reviewedUser } from '@/lib/http/admission';
import { Forbidden, Invalid, Unauthorized, Unavailable, isKubeError } from '@/lib/errors';
import { log } from '@/lib/observability/log';

import type { OidcSettings } from './config';
import { checkIdToken, claimsOf, expiryOf, listClaim, stringClaim } from './jwt';
import { discover, exchangeCode, refresh, revoke } from './oidc';
import { authorizationUrl, newLoginState, safeReturnTo, type LoginState } from './pkce';
import { seal, unseal } from './seal';
import {
  LOGIN_COOKIE,
  clearedCookies,
  cookieString,
  newCsrfToken,
  parseCookies,
  readSession,
  sessionCookies,
  type Session,
} from './session';
import { authConfig, secureCookies, siteOrigin, type SigninConfig } from './settings';

// Signing in and out. Each function takes the request and returns what to answer with:
// where to go and which cookies to set. The routes under app/api/auth stay thin.

export interface AuthAnswer {
  cookies: string[];
  location?: string;
  session?: Session;
  endSessionUrl?: string | null;
}

const LOGIN_TTL_MS = 10 * 60_000;

export function signinConfig(): SigninConfig {
  const config = authConfig();
  if (config.mode === 'none') throw new Invalid('Sign-in is off on this server (OFFLOAD_AUTH=none).');
  return config;
}

function oidcOf(config: SigninConfig): OidcSettings {
  if (config.oidc === null || !config.methods.includes('oidc'))
    throw new Invalid('Single sign-on is not configured on this server; sign in with a Kubernetes token.');
  return config.oidc;
}

const redirectUri = (config: SigninConfig, request: Request) => `${siteOrigin(config, request)}/api/auth/callback`;

export async function beginLogin(request: Request): Promise<AuthAnswer> {
  const config = signinConfig();
  const oidc = oidcOf(config);
  const login = newLoginState(new URL(request.url).searchParams.get('returnTo') ?? '/');
  const { authorization_endpoint } = await discover(oidc);
  const location = authorizationUrl(authorization_endpoint, {
    clientId: oidc.clientId,
    redirectUri: redirectUri(config, request),
    scopes: oidc.scopes,
    login,
  });
  const sealed = seal(config.sessionSecret, 'login', login, Date.now() + LOGIN_TTL_MS);
  return {
    location,
    cookies: [cookieString(LOGIN_COOKIE, sealed, { secure: secureCookies(config, request), maxAge: LOGIN_TTL_MS / 1000 })],
  };
}

/** Back from the provider: the code becomes tokens, the API server says who that is. */
export async function completeLogin(request: Request): Promise<AuthAnswer> {
  const config = signinConfig();
  const oidc = oidcOf(config);
  const params = new URL(request.url).searchParams;
  const sealed = parseCookies(request.headers.get('cookie')).get(LOGIN_COOKIE);
  const login = sealed === undefined ? null : unseal<LoginState>(config.sessionSecret, 'login', sealed);
  if (login === null) throw new Unauthorized('The sign-in took too long or was started in another browser; please sign in again.');
  const providerError = params.get('error');
  if (providerError !== null) throw new Unauthorized(`The sign-in provider refused: ${params.get('error_description') ?? providerError}.`);
  if (params.get('state') !== login.state)
    throw new Forbidden('The sign-in answer does not belong to this browser (state mismatch); please sign in again.');
  const code = params.get('code');
  if (code === null) throw new Unauthorized('The sign-in provider sent no authorization code.');
  const tokens = await exchangeCode(oidc, { code, verifier: login.verifier, redirectUri: redirectUri(config, request) });
  const session = await sessionFromTokens(config, oidc, tokens.id_token, tokens.refresh_token ?? null, login.nonce);
  return {
    location: login.returnTo,
    session,
    cookies: [cookieString(LOGIN_COOKIE, '', { secure: secureCookies(config, request), maxAge: 0 }), ...store(config, request, session)],
  };
}

async function sessionFromTokens(
  config: SigninConfig,
  oidc: OidcSettings,
  idToken: string | undefined,
  refreshToken: string | null,
  nonce: string | null,
): Promise<Session> {
  if (idToken === undefined) throw new Unauthorized('The sign-in provider returned no ID token; is the "openid" scope requested?');
  const claims = checkIdToken(idToken, { issuer: oidc.issuer, clientId: oidc.clientId, nonce, now: Date.now() });
  if (claims instanceof Error) throw new Unauthorized(claims.message);
  const user = await verifiedUser(
    idToken,
    'The Kubernetes API server does not accept this sign-in (are its --oidc-issuer-url and --oidc-client-id this provider and client?)',
  );
  log.info('signed in', { method: 'oidc', user: user.username, claimedUser: stringClaim(claims, oidc.usernameClaim) });
  const groups = user.groups.length > 0 ? user.groups : listClaim(claims, oidc.groupsClaim);
  return {
    method: 'oidc',
    token: idToken,
    refreshToken,
    tokenExpiresAt: expiryOf(claims),
    username: user.username,
    groups,
    csrf: newCsrfToken(),
  };
}

/**
 * The API server authenticates the token (SelfSubjectReview) before any session holds it
 * (or the OSCAR API acts with it); the review is admitted like a script's token
 * (lib/http/admission.ts), so pasting made-up tokens costs no more reviews than sending them does.
 */
export async function verifiedUser(token: string, refusal: string) {
  try {
    return await reviewedUser(token);
  } catch (err) {
    if (isKubeError(err) && err.code === 'unauthorized') throw new Unauthorized(`${refusal}.`);
    throw err;
  }
}

/** Token sign-in: a pasted Kubernetes bearer token, checked by the API server first. */
export async function tokenSignIn(request: Request, token: string): Promise<AuthAnswer> {
  const config = signinConfig();
  if (!config.methods.includes('token')) throw new Forbidden('Token sign-in is turned off on this server (OFFLOAD_AUTH).');
  const user = await verifiedUser(token, 'The Kubernetes API server did not accept this token');
  const session: Session = {
    method: 'token',
    token,
    refreshToken: null,
    tokenExpiresAt: expiryOf(claimsOf(token)),
    username: user.username,
    groups: user.groups,
    csrf: newCsrfToken(),
  };
  log.info('signed in', { method: 'token', user: user.username });
  return { session, cookies: store(config, request, session) };
}

/** A new ID token for the same person, from the refresh token; the CSRF token is kept. */
export async function refreshSession(request: Request): Promise<AuthAnswer> {
  const config = signinConfig();
  const current = readSession(request.headers.get('cookie'), config.sessionSecret);
  if (current === null) throw new Unauthorized('Sign in first.');
  if (current.method !== 'oidc' || current.refreshToken === null) throw new Unauthorized('This session cannot be renewed; sign in again.');
  const oidc = oidcOf(config);
  const tokens = await refresh(oidc, current.refreshToken);
  const next = await sessionFromTokens(config, oidc, tokens.id_token, tokens.refresh_token ?? current.refreshToken, null);
  if (next.username !== current.username) throw new Unauthorized('The renewed sign-in is for another person; sign in again.');
  const session = { ...next, csrf: current.csrf };
  return { session, cookies: store(config, request, session) };
}

export async function signOut(request: Request): Promise<AuthAnswer> {
  const config = signinConfig();
  const session = readSession(request.headers.get('cookie'), config.sessionSecret);
  const cookies = clearedCookies(secureCookies(config, request));
  if (session?.method !== 'oidc' || config.oidc === null) return { cookies, endSessionUrl: null };
  if (session.refreshToken !== null) await revoke(config.oidc, session.refreshToken);
  // Also end the provider's own session, or the next "Sign in" would be silent. Without
  // id_token_hint: the browser goes to this address, so it would keep the ID token (still
  // accepted by the API server until it expires) in its history and in every proxy's log.
  // client_id names the client instead (OpenID Connect RP-Initiated Logout 1.0, section 2);
  // a provider may then ask the person to confirm.
  const doc = await discover(config.oidc).catch((err: unknown) => (err instanceof Unavailable ? null : Promise.reject(err)));
  if (!doc?.end_session_endpoint) return { cookies, endSessionUrl: null };
  const url = new URL(doc.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.oidc.clientId,
    post_logout_redirect_uri: `${siteOrigin(config, request)}/signin`,
    state: 'signed-out',
  }).toString();
  return { cookies, endSessionUrl: url.toString() };
}

function store(config: SigninConfig, request: Request, session: Session): string[] {
  const max = Date.now() + config.sessionMaxAgeMs;
  // Without a refresh token the session cannot outlive its token.
  const end = session.refreshToken === null && session.tokenExpiresAt !== null ? Math.min(max, session.tokenExpiresAt) : max;
  return sessionCookies(session, config.sessionSecret, end, secureCookies(config, request));
}

export { safeReturnTo };
