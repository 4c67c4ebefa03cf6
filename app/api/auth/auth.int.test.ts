import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { cookiePairs, sessionCookies, type Session } from '@/lib/auth/session';
import { LAB } from '../../../scripts/lib/lab-commands.ts';
import { oidcConfig, oidcSignIn } from '../../../scripts/lib/oidc.ts';
import { cookiesOf, oidcSession, sessionFetch, tokenSession, type BrowserSession } from '../../../scripts/lib/browser-session.ts';
import { userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// Sign-in against the lab: the real OIDC provider and the API server's own verdict on every
// token; sessions in sealed cookies; CSRF on writes; no token ever in a log line.

const SECRET = randomBytes(32).toString('hex');
const server = withOffloadServer(() => ({ env: { OFFLOAD_SESSION_SECRET: SECRET } }));
const url = () => server().url;
const seen: string[] = [SECRET, oidcConfig().clientSecret, userToken('alice'), userToken('bob'), userToken('admin')];

async function errorOf(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: { message: string } }).error.message;
}

function forged(session: Session, expiresAt = Date.now() + 600_000): BrowserSession {
  const cookie = cookiePairs(sessionCookies(session, SECRET, expiresAt, false)).join('; ');
  return { cookie, csrf: session.csrf, username: session.username };
}

describe('OIDC sign-in', () => {
  it('signs alice in through the provider and sends her back where she started', async () => {
    const s = await oidcSession(url(), 'alice', '/jobs?state=Running');
    seen.push(s.cookie);
    expect(s.landedOn).toBe('/jobs?state=Running');
    const info = await (await sessionFetch(url(), s, 'GET', '/api/auth/session')).json();
    expect(info).toMatchObject({
      authenticated: true,
      username: 'alice',
      method: 'oidc',
      canRefresh: true,
      groups: expect.arrayContaining(['offload:researchers']),
    });
    expect(JSON.stringify(info)).not.toMatch(/eyJ/);
    expect((await sessionFetch(url(), s, 'GET', '/api/jobs?namespace=alice')).status).toBe(200);
    expect(await errorOf(await sessionFetch(url(), s, 'GET', '/api/jobs?namespace=bob'), 403)).toContain(
      'list jobs.batch in namespace bob',
    );
  });

  it('sends her back only to this site, however returnTo is disguised', async () => {
    // URL parsers drop tabs and newlines: /<tab>/evil.example is //evil.example to a browser.
    for (const returnTo of ['/\t/evil.example', '/\n/evil.example/jobs', '/.//evil.example']) {
      const s = await oidcSession(url(), 'alice', returnTo);
      expect(new URL(s.landedOn, url()).origin, JSON.stringify(returnTo)).toBe(url());
    }
  });

  it('sets the session cookie httpOnly and SameSite, and the sign-in state only for the sign-in', async () => {
    const start = await fetch(`${url()}/api/auth/login?returnTo=//evil.example/`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const auth = new URL(start.headers.get('location') ?? '');
    expect(auth.origin).toBe(oidcConfig().issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('redirect_uri')).toBe(`${url()}/api/auth/callback`);
    const [login] = start.headers.getSetCookie();
    expect(login).toMatch(/^offload_login=.*HttpOnly; SameSite=Lax; Max-Age=600$/);
  });

  it('refuses a callback whose state does not match, back on the sign-in page with the reason', async () => {
    const start = await fetch(`${url()}/api/auth/login`, { redirect: 'manual' });
    const cb = await fetch(`${url()}/api/auth/callback?code=abc&state=forged`, {
      redirect: 'manual',
      headers: { cookie: cookiesOf(start).join('; ') },
    });
    expect(cb.status).toBe(303);
    const to = new URL(cb.headers.get('location') ?? '', url());
    expect(to.pathname).toBe('/signin');
    expect(to.searchParams.get('error')).toMatch(/state mismatch/);
    expect(cookiesOf(cb)).toEqual([]);
  });

  it('renews an expired ID token with the refresh token, keeping the CSRF token', async () => {
    const tokens = await oidcSignIn('alice');
    seen.push(tokens.id_token, tokens.refresh_token ?? '');
    const s = forged({
      method: 'oidc',
      token: tokens.id_token,
      refreshToken: tokens.refresh_token ?? null,
      tokenExpiresAt: Date.now() - 1_000,
      username: 'alice',
      groups: [],
      csrf: 'keep-me',
    });
    expect(await errorOf(await sessionFetch(url(), s, 'GET', '/api/jobs'), 401)).toMatch(/expired/);
    const renewed = await sessionFetch(url(), s, 'POST', '/api/auth/refresh');
    expect(renewed.status).toBe(200);
    const next = { ...s, cookie: cookiesOf(renewed).join('; ') };
    seen.push(next.cookie);
    expect((await sessionFetch(url(), next, 'GET', '/api/jobs')).status).toBe(200);
    expect(await (await sessionFetch(url(), next, 'GET', '/api/auth/session')).json()).toMatchObject({
      authenticated: true,
      username: 'alice',
      csrfToken: 'keep-me',
    });
  });

  it('signs out: clears every cookie, revokes the refresh token, names the provider sign-out', async () => {
    const s = await oidcSession(url(), 'bob');
    seen.push(s.cookie);
    const out = await sessionFetch(url(), s, 'POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().every((c) => c.includes('Max-Age=0'))).toBe(true);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    expect(new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${url()}/signin`);
    // The browser goes there: no token in the address (history, proxy logs).
    expect(new URL(endSessionUrl).searchParams.get('client_id')).toBe(oidcConfig().clientId);
    expect(new URL(endSessionUrl).searchParams.has('id_token_hint')).toBe(false);
    expect(endSessionUrl).not.toMatch(/eyJ/);
    // The old cookie still unseals, but its refresh token no longer works at the provider.
    expect((await sessionFetch(url(), s, 'POST', '/api/auth/refresh')).status).toBe(401);
  });
});

describe('token sign-in', () => {
  it('verifies the token with the API server before setting the session', async () => {
    const s = await tokenSession(url(), userToken('bob'));
    seen.push(s.cookie);
    expect(s.username).toBe('bob');
    expect((await sessionFetch(url(), s, 'GET', '/api/jobs?namespace=bob')).status).toBe(200);
    const bad = await fetch(`${url()}/api/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url() },
      body: JSON.stringify({ token: 'not-a-token' }),
    });
    expect(await errorOf(bad, 401)).toMatch(/did not accept this token/);
    expect(bad.headers.getSetCookie()).toEqual([]);
  });

  it('says which field is wrong, and refuses other sites and form posts', async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${url()}/api/auth/token`, { method: 'POST', headers, body });
    const invalid = await post(JSON.stringify({ token: 'two\nlines' }), { 'Content-Type': 'application/json' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid', field: 'token' } });
    expect(
      (await post(JSON.stringify({ token: userToken('bob') }), { 'Content-Type': 'application/json', Origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    expect((await post(`token=${userToken('bob')}`, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(403);
  });
});

describe('credentials and CSRF on the JSON API', () => {
  it('answers 401 without credentials and with a session sealed by another secret', async () => {
    expect((await fetch(`${url()}/api/jobs`)).status).toBe(401);
    const foreign = sessionCookies(
      { method: 'token', token: userToken('alice'), refreshToken: null, tokenExpiresAt: null, username: 'alice', groups: [], csrf: 'c' },
      'x'.repeat(64),
      Date.now() + 60_000,
      false,
    );
    expect((await fetch(`${url()}/api/jobs`, { headers: { cookie: foreign.map((c) => c.split(';')[0]).join('; ') } })).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token or from another site', async () => {
    const s = await tokenSession(url(), userToken('alice'));
    const path = '/api/services/alice/does-not-exist';
    const noToken = await fetch(`${url()}${path}`, { method: 'DELETE', headers: { cookie: s.cookie } });
    expect(await errorOf(noToken, 403)).toMatch(/x-csrf-token/);
    const crossSite = await fetch(`${url()}${path}`, {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, Origin: 'https://evil.example' },
    });
    expect(await errorOf(crossSite, 403)).toMatch(/evil\.example/);
    // With both, the request reaches the API server (which has no such service).
    expect((await sessionFetch(url(), s, 'DELETE', path)).status).toBe(404);
  });

  it('needs no CSRF token for a bearer-token request (scripts)', async () => {
    const r = await fetch(`${url()}/api/services/alice/does-not-exist`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${userToken('alice')}` },
    });
    expect(r.status).toBe(404);
  });
});

describe('secrets stay secret', () => {
  it('never writes a token, cookie or secret to the server log', () => {
    const log = server().output();
    expect(log).toContain('signed in');
    for (const secret of seen.filter((s) => s.length > 8)) {
      for (const part of secret.split('; ').map((p) => p.slice(p.indexOf('=') + 1))) expect(log).not.toContain(part);
    }
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(readFileSync(path.join(LAB, 'oidc', 'client-secret'), 'utf8').trim()).not.toBe('');
  });
});
