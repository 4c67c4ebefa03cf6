// A browser's session with an Offload server, for integration tests: signed in through the
// lab provider's login page (OIDC code flow, driven over HTTP like a browser) or with a
// pasted token, then requests carrying the cookie and, on writes, the CSRF token.
import { loginAtProvider, password } from './oidc.ts';
import type { User } from './lab-commands.ts';
import { cookiePairs } from '../../lib/auth/session.ts';

export interface BrowserSession {
  /** The Cookie header a browser would send. */
  cookie: string;
  csrf: string;
  username: string;
}

/** `name=value` pairs of Set-Cookie headers that set (not delete) a cookie. */
export function cookiesOf(response: Response): string[] {
  return cookiePairs(response.headers.getSetCookie());
}

async function withCsrf(baseUrl: string, cookie: string): Promise<BrowserSession> {
  const info = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).json()) as {
    authenticated: boolean;
    csrfToken?: string;
    username?: string;
  };
  if (!info.authenticated || info.csrfToken === undefined) throw new Error(`not signed in: ${JSON.stringify(info)}`);
  return { cookie, csrf: info.csrfToken, username: info.username ?? '' };
}

export async function tokenSession(baseUrl: string, token: string): Promise<BrowserSession> {
  const r = await fetch(`${baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ token }),
  });
  if (!r.ok) throw new Error(`token sign-in: ${r.status} ${await r.text()}`);
  return withCsrf(baseUrl, cookiesOf(r).join('; '));
}

/** "Sign in with single sign-on" as `user`, on the provider's login page, back to Offload. */
export async function oidcSession(baseUrl: string, user: User, returnTo = '/jobs'): Promise<BrowserSession & { landedOn: string }> {
  const start = await fetch(`${baseUrl}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
  const authorizationUrl = start.headers.get('location');
  if (start.status !== 303 || authorizationUrl === null) throw new Error(`login did not redirect: ${start.status} ${await start.text()}`);
  const loginCookie = cookiesOf(start).join('; ');
  const callback = await loginAtProvider(authorizationUrl, user, password(user), `${baseUrl}/api/auth/callback`);
  const done = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie } });
  const landedOn = done.headers.get('location') ?? '';
  const cookie = cookiesOf(done).join('; ');
  if (cookie === '') throw new Error(`the callback set no session: ${done.status} → ${landedOn}`);
  return { ...(await withCsrf(baseUrl, cookie)), landedOn };
}

/** A request as the browser of `session` would make it (same-site Origin on writes). */
export function sessionFetch(baseUrl: string, session: BrowserSession, method: string, path: string, body?: unknown): Promise<Response> {
  const write = method !== 'GET' && method !== 'HEAD';
  const headers: Record<string, string> = { cookie: session.cookie, Accept: 'application/json' };
  if (write) Object.assign(headers, { Origin: baseUrl, 'x-csrf-token': session.csrf });
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
}
