import { describe, expect, it } from 'vitest';

import type { AuthConfig } from '@/lib/auth/config';
import { cookiePairs, sessionCookies, type Session } from '@/lib/auth/session';
import { Forbidden, Unauthorized } from '@/lib/errors';

import { identifyWith } from './identity';

const SECRET = 's'.repeat(40);
const signin: AuthConfig = {
  mode: 'signin',
  methods: ['token'],
  oidc: null,
  sessionSecret: SECRET,
  sessionSecretConfigured: true,
  sessionMaxAgeMs: 3_600_000,
  publicUrl: null,
};
const now = Date.now();
const session: Session = {
  method: 'token',
  token: 'tok-alice',
  refreshToken: null,
  tokenExpiresAt: now + 600_000,
  username: 'alice',
  groups: [],
  csrf: 'csrf-1',
};

function cookieHeader(s: Session = session, expiresAt = now + 3_600_000): string {
  return cookiePairs(sessionCookies(s, SECRET, expiresAt, false, now)).join('; ');
}

const req = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://x.test/api/nodes', { method, headers });

describe('identify', () => {
  it('acts as the bearer token holder, whatever the configuration', () => {
    for (const config of [signin, { mode: 'none' } as const]) {
      expect(identifyWith(req({ authorization: 'Bearer abc.def' }), config)).toEqual({ kind: 'bearer', token: 'abc.def' });
      expect(identifyWith(req({ authorization: 'bearer  abc ' }), config)).toEqual({ kind: 'bearer', token: 'abc' });
    }
  });

  it('refuses other schemes and empty tokens with 401', () => {
    for (const h of ['Basic dXNlcjpwdw==', 'Bearer', 'Bearer ', 'Bearer a b'])
      expect(() => identifyWith(req({ authorization: h }), signin)).toThrow(Unauthorized);
  });

  it('acts as the server without credentials only when sign-in is off', () => {
    expect(identifyWith(req(), { mode: 'none' })).toEqual({ kind: 'server' });
    expect(() => identifyWith(req(), signin)).toThrow(Unauthorized);
  });

  it('acts as the session token holder for reads with the cookie alone', () => {
    expect(identifyWith(req({ cookie: cookieHeader() }), signin, now)).toEqual({ kind: 'bearer', token: 'tok-alice', user: 'alice' });
  });

  it('refuses a forged, expired or foreign-secret session with 401', () => {
    expect(() => identifyWith(req({ cookie: 'offload_session=v1.a.b.c' }), signin, now)).toThrow(Unauthorized);
    expect(() => identifyWith(req({ cookie: cookieHeader(session, now - 1) }), signin, now)).toThrow(Unauthorized);
    expect(() => identifyWith(req({ cookie: cookieHeader({ ...session, tokenExpiresAt: now - 1 }) }), signin, now)).toThrow('expired');
    expect(() => identifyWith(req({ cookie: cookieHeader() }), { ...signin, sessionSecret: 't'.repeat(40) }, now)).toThrow(Unauthorized);
  });

  it('needs the CSRF token and a same-site origin for state-changing requests', () => {
    const cookie = cookieHeader();
    expect(() => identifyWith(req({ cookie }, 'POST'), signin, now)).toThrow(Forbidden);
    expect(() => identifyWith(req({ cookie, 'x-csrf-token': 'wrong!' }, 'DELETE'), signin, now)).toThrow(Forbidden);
    expect(() => identifyWith(req({ cookie, 'x-csrf-token': 'csrf-1', origin: 'https://evil.example' }, 'POST'), signin, now)).toThrow(
      Forbidden,
    );
    expect(identifyWith(req({ cookie, 'x-csrf-token': 'csrf-1', origin: 'http://x.test' }, 'POST'), signin, now)).toEqual({
      kind: 'bearer',
      token: 'tok-alice',
      user: 'alice',
    });
  });

  it('reads a session split over several cookies', () => {
    const big = { ...session, token: 'x'.repeat(9_000) };
    expect(identifyWith(req({ cookie: cookieHeader(big) }), signin, now)).toEqual({ kind: 'bearer', token: big.token, user: big.username });
  });
});
