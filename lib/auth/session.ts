import { randomBytes } from 'node:crypto';

import { seal, unseal } from './seal';

// The session lives in the browser, sealed (seal.ts), so any replica can answer any
// request. It holds the bearer token the API server authenticates — an OIDC ID token or a
// pasted Kubernetes token — and never reaches JavaScript: the cookie is httpOnly.
// A sealed session may pass one cookie's 4 kB (large ID tokens with many groups), so it is
// split over numbered cookies.

export const SESSION_COOKIE = 'offload_session';
export const LOGIN_COOKIE = 'offload_login';
const PURPOSE = 'session';
const CHUNK = 3_800;
const MAX_CHUNKS = 5;

export interface Session {
  method: 'oidc' | 'token';
  /** Sent to the API server as `Authorization: Bearer`. */
  token: string;
  refreshToken: string | null;
  /** When the token stops working (ms since the epoch), when known. */
  tokenExpiresAt: number | null;
  /** As the API server knows the person (SelfSubjectReview at sign-in). */
  username: string;
  groups: string[];
  /** The value state-changing requests must echo in the CSRF header. */
  csrf: string;
}

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

export function parseCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

const chunkName = (i: number) => (i === 0 ? SESSION_COOKIE : `${SESSION_COOKIE}.${i}`);

export function readSession(cookieHeader: string | null, secret: string, now = Date.now()): Session | null {
  const jar = parseCookies(cookieHeader);
  let sealed = '';
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const part = jar.get(chunkName(i));
    if (part === undefined) break;
    sealed += part;
  }
  return sealed === '' ? null : unseal<Session>(secret, PURPOSE, sealed, now);
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

export function cookieString(name: string, value: string, o: CookieOptions): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${o.maxAge}${o.secure ? '; Secure' : ''}`;
}

/** Set-Cookie values that store the session until `expiresAt`, clearing unused chunks. */
export function sessionCookies(session: Session, secret: string, expiresAt: number, secure: boolean, now = Date.now()): string[] {
  const sealed = seal(secret, PURPOSE, session, expiresAt);
  const parts = sealed.match(new RegExp(`.{1,${CHUNK}}`, 'g')) ?? [];
  if (parts.length > MAX_CHUNKS) throw new Error(`The session is too large for cookies (${sealed.length} characters).`);
  const maxAge = Math.max(1, Math.floor((expiresAt - now) / 1000));
  return Array.from({ length: MAX_CHUNKS }, (_, i) => {
    const part = parts[i];
    return part === undefined
      ? cookieString(chunkName(i), '', { secure, maxAge: 0 })
      : cookieString(chunkName(i), part, { secure, maxAge });
  });
}

/** The `name=value` pairs a browser sends back after these Set-Cookie values (deletions left out). */
export function cookiePairs(setCookies: readonly string[]): string[] {
  return setCookies.filter((c) => !/Max-Age=0/i.test(c)).map((c) => c.split(';')[0] ?? '');
}

/** Set-Cookie values that delete every session chunk and the sign-in state. */
export function clearedCookies(secure: boolean): string[] {
  return [...Array.from({ length: MAX_CHUNKS }, (_, i) => chunkName(i)), LOGIN_COOKIE].map((n) =>
    cookieString(n, '', { secure, maxAge: 0 }),
  );
}

/** Whether the session's token has expired (with a little slack for clock skew and transit). */
export function tokenExpired(session: Session, now = Date.now()): boolean {
  return session.tokenExpiresAt !== null && session.tokenExpiresAt - 10_000 <= now;
}
