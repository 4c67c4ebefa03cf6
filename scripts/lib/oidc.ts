// Signs a lab person in at the lab's OpenID Connect provider the way a browser does
// (authorization code + PKCE, the provider's own login form), for tests that need real
// ID tokens. Cookies are carried by hand; the provider's certificate is from the lab's browser CA.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Agent, fetch, type Response } from 'undici';

import { LAB, type User } from './lab-commands.ts';

const b64url = (b: Buffer) => b.toString('base64url');

export interface OidcTokens {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

export function oidcConfig(): { issuer: string; clientId: string; clientSecret: string } {
  const c = JSON.parse(readFileSync(path.join(LAB, 'oidc', 'config.json'), 'utf8')) as {
    port: number;
    clientId: string;
    clientSecret: string;
  };
  return { issuer: `https://127.0.0.1:${c.port}`, clientId: c.clientId, clientSecret: c.clientSecret };
}

export function password(user: User): string {
  return readFileSync(path.join(LAB, 'users', `${user}.password`), 'utf8').trim();
}

const dispatcher = () => new Agent({ connect: { ca: readFileSync(path.join(LAB, 'pki', 'browser-ca.crt')) } });

/**
 * Signs `user` in at the provider, starting from an authorization URL (as a browser follows
 * it): the login form, then redirects until the provider sends the browser to
 * `redirectUri`. Returns that final URL, which carries the code (or the error).
 */
export async function loginAtProvider(authorizationUrl: string, user: User, pass: string, redirectUri: string): Promise<string> {
  const { issuer } = oidcConfig();
  const agent = dispatcher();
  const jar = new Map<string, string>();
  const call = async (url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      dispatcher: agent,
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  let res = await call(authorizationUrl);
  const interaction = res.headers.get('location') ?? '';
  res = await call(interaction);
  if (!(await res.text()).includes('name="password"')) throw new Error('no login form');
  res = await call(`${interaction}/login`, {
    method: 'POST',
    body: new URLSearchParams({ login: user, password: pass }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status === 200) throw new Error(/role="alert"[^>]*>([^<]*)/.exec(await res.text())?.[1] ?? 'sign-in refused');
  let location = res.headers.get('location') ?? '';
  const target = redirectUri.split('?')[0] ?? '';
  while (!location.startsWith(target)) {
    res = await call(location);
    const next = res.headers.get('location');
    if (next === null) throw new Error(`sign-in stopped at ${location}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    location = next;
  }
  return location;
}

/** Runs the whole sign-in as a client of its own; returns the tokens, or throws with what the provider said. */
export async function oidcSignIn(
  user: User,
  pass = password(user),
  redirectUri = 'http://127.0.0.1:3999/api/auth/callback',
): Promise<OidcTokens> {
  const { issuer, clientId, clientSecret } = oidcConfig();
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const auth = new URL('/auth', issuer);
  auth.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid profile email groups offline_access',
    prompt: 'consent',
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st',
    nonce: 'nn',
  }).toString();
  const location = await loginAtProvider(auth.toString(), user, pass, redirectUri);
  const code = new URL(location).searchParams.get('code');
  if (code === null) throw new Error(`no code in ${location}`);
  const res = await fetch(new URL('/token', issuer), {
    method: 'POST',
    dispatcher: dispatcher(),
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
  });
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${await res.text()}`);
  return (await res.json()) as OidcTokens;
}
