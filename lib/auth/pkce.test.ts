import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { authorizationUrl, challengeOf, newLoginState, safeReturnTo } from './pkce';

describe('PKCE sign-in', () => {
  it('uses the S256 challenge: unpadded base64url of the SHA-256 of the verifier', async () => {
    const verifier = newLoginState('/').verifier;
    // An independent implementation (WebCrypto) of the same transformation.
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    expect(challengeOf(verifier)).toBe(digest.toString('base64url'));
    expect(challengeOf(verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes fresh random values per sign-in', () => {
    const a = newLoginState('/jobs');
    const b = newLoginState('/jobs');
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.state).not.toBe(b.state);
    expect(a.verifier.length).toBeGreaterThanOrEqual(43);
  });

  it('returns only to paths on this site', () => {
    expect(safeReturnTo('/jobs/alice/x?tab=logs')).toBe('/jobs/alice/x?tab=logs');
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '', null, 'jobs'])
      expect(safeReturnTo(bad)).toBe('/');
  });

  it('refuses what a browser would resolve to another site: tabs, newlines, dot segments', () => {
    // URL parsers drop tabs and newlines, so each of these would otherwise become //evil.example.
    for (const bad of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example/x',
      '/./\t/evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/%2e//evil.example',
      '/\u0000/x',
    ]) {
      expect(safeReturnTo(bad), JSON.stringify(bad)).toBe('/');
    }
    // Whatever comes back stays on the site when a browser resolves it.
    fc.assert(
      fc.property(fc.string(), (s) => {
        const target = new URL(safeReturnTo(`/${s}`), 'https://offload.example.org');
        expect(target.origin).toBe('https://offload.example.org');
      }),
    );
  });

  it('builds the authorization request', () => {
    const login = newLoginState('/');
    const url = new URL(
      authorizationUrl('https://idp.example/auth', {
        clientId: 'offload',
        redirectUri: 'http://127.0.0.1:3000/api/auth/callback',
        scopes: 'openid profile',
        login,
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'offload',
      state: login.state,
      nonce: login.nonce,
      code_challenge_method: 'S256',
      code_challenge: challengeOf(login.verifier),
    });
  });
});
