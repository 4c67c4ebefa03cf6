import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { checkIdToken, claimsOf, expiryOf, listClaim } from './jwt';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const now = 1_800_000_000_000;
const good = { iss: 'https://idp', aud: 'offload', nonce: 'n1', exp: now / 1000 + 300, preferred_username: 'alice', groups: ['g1'] };
const want = { issuer: 'https://idp', clientId: 'offload', nonce: 'n1', now };

describe('JWT claims', () => {
  it('reads the payload of a JWT and nothing else', () => {
    expect(claimsOf(jwt(good))).toEqual(good);
    for (const t of ['opaque-token', 'a.b', 'a.!!!.c', `h.${Buffer.from('[1]').toString('base64url')}.s`]) expect(claimsOf(t)).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => claimsOf(s)).not.toThrow();
      }),
    );
  });

  it('reads exp in milliseconds and list claims from a string or an array', () => {
    expect(expiryOf(good)).toBe(now + 300_000);
    expect(expiryOf({ exp: 'soon' })).toBeNull();
    expect(listClaim({ aud: 'x' }, 'aud')).toEqual(['x']);
    expect(listClaim({ groups: ['a', 1, 'b'] }, 'groups')).toEqual(['a', 'b']);
  });

  it('accepts an ID token bound to this sign-in, and says which check failed otherwise', () => {
    expect(checkIdToken(jwt(good), want)).toEqual(good);
    expect(checkIdToken(jwt({ ...good, aud: ['other', 'offload'] }), want)).not.toBeInstanceOf(Error);
    expect(checkIdToken(jwt({ ...good, nonce: undefined }), { ...want, nonce: null })).not.toBeInstanceOf(Error);
    const failures: [object, RegExp][] = [
      [{ ...good, iss: 'https://evil' }, /issued by https:\/\/evil/],
      [{ ...good, aud: 'other' }, /not meant for client offload/],
      [{ ...good, nonce: 'n2' }, /nonce mismatch/],
      [{ ...good, exp: now / 1000 - 1 }, /already expired/],
    ];
    for (const [claims, message] of failures) expect((checkIdToken(jwt(claims), want) as Error).message).toMatch(message);
    expect(checkIdToken('opaque', want)).toBeInstanceOf(Error);
  });
});
