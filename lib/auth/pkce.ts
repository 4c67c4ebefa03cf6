import { createHash, randomBytes } from 'node:crypto';

// Authorization code flow with PKCE (S256), as HPC/EOSC identity providers (EGI Check-in,
// Keycloak) expect: a fresh verifier, state and nonce per sign-in, kept in a sealed cookie.

export interface LoginState {
  verifier: string;
  state: string;
  nonce: string;
  /** Where to send the person after signing in: a path on this site only. */
  returnTo: string;
}

export function newLoginState(returnTo: string): LoginState {
  const random = () => randomBytes(32).toString('base64url');
  return { verifier: random(), state: random(), nonce: random(), returnTo: safeReturnTo(returnTo) };
}

export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

// Any origin will do: a return-to is resolved against it only to see whether it stays there.
const PROBE_ORIGIN = 'http://offload.invalid';

/**
 * Only paths on this site, as a browser would resolve them: never `//evil.example`,
 * `https://…`, or `/\t/evil.example` (URL parsers drop tabs and newlines, which makes it
 * `//evil.example`). Control characters and backslashes are refused outright; what remains is
 * resolved against an origin and must stay on it, as a path that does not start with `//`.
 */
export function safeReturnTo(path: string | null | undefined): string {
  if (!path || !path.startsWith('/') || /[\x00-\x1f\x7f\\]/.test(path)) return '/';
  let url: URL;
  try {
    url = new URL(path, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  const resolved = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === PROBE_ORIGIN && !resolved.startsWith('//') ? resolved : '/';
}

export function authorizationUrl(
  endpoint: string,
  p: { clientId: string; redirectUri: string; scopes: string; login: LoginState },
): string {
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scopes,
    state: p.login.state,
    nonce: p.login.nonce,
    code_challenge: challengeOf(p.login.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}
