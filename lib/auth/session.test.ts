import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { clearedCookies, cookiePairs, parseCookies, readSession, sessionCookies, tokenExpired, type Session } from './session';

const SECRET = 'k'.repeat(40);
const now = Date.now();
const base: Session = {
  method: 'oidc',
  token: 'id.token.here',
  refreshToken: 'r1',
  tokenExpiresAt: now + 60_000,
  username: 'alice',
  groups: ['offload:researchers'],
  csrf: 'c1',
};

/** What a browser sends back: the name=value pairs of cookies that were set, not deleted. */
const sent = (setCookies: string[]) => cookiePairs(setCookies).join('; ');

describe('session cookies', () => {
  it('round-trip a session of any size up to the chunk limit, httpOnly and SameSite', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12_000 }), (token) => {
        const cookies = sessionCookies({ ...base, token }, SECRET, now + 3_600_000, true, now);
        expect(
          cookies.every((c) => c.includes('HttpOnly') && c.includes('SameSite=Lax') && c.includes('Secure') && c.includes('Path=/')),
        ).toBe(true);
        expect(cookies.every((c) => c.length < 4_000)).toBe(true);
        expect(readSession(sent(cookies), SECRET, now)?.token).toBe(token);
      }),
      { numRuns: 50 },
    );
  });

  it('is not readable with another secret, after it expires, or when a chunk is missing', () => {
    const cookies = sessionCookies({ ...base, token: 'x'.repeat(6_000) }, SECRET, now + 1_000, false, now);
    expect(readSession(sent(cookies), 'z'.repeat(40), now)).toBeNull();
    expect(readSession(sent(cookies), SECRET, now + 2_000)).toBeNull();
    expect(readSession(sent(cookies.slice(1)), SECRET, now)).toBeNull();
    expect(readSession(sent(cookies), SECRET, now)).not.toBeNull();
    expect(cookies.some((c) => c.includes('Secure'))).toBe(false);
  });

  it('clears every chunk and the sign-in state on sign-out', () => {
    const cleared = clearedCookies(true);
    expect(cleared.map((c) => c.split('=')[0])).toEqual([
      'offload_session',
      'offload_session.1',
      'offload_session.2',
      'offload_session.3',
      'offload_session.4',
      'offload_login',
    ]);
    expect(cleared.every((c) => c.includes('Max-Age=0'))).toBe(true);
  });

  it('parses cookie headers and knows when the token has expired', () => {
    expect([...parseCookies('a=1; b = 2;c=x=y')]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', 'x=y'],
    ]);
    expect(tokenExpired(base, now)).toBe(false);
    expect(tokenExpired(base, now + 55_000)).toBe(true);
    expect(tokenExpired({ ...base, tokenExpiresAt: null }, now + 1e12)).toBe(false);
  });
});
