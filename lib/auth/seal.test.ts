import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { seal, unseal } from './seal';

const SECRET = 'x'.repeat(48);
const later = Date.now() + 60_000;

describe('sealed cookies', () => {
  it('round-trips any JSON value before expiry', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(unseal(SECRET, 'session', seal(SECRET, 'session', v, later))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses expired, tampered, other-purpose and other-secret cookies', () => {
    const s = seal(SECRET, 'session', { user: 'alice' }, later);
    expect(unseal(SECRET, 'session', s, later + 1)).toBeNull();
    expect(unseal(SECRET, 'login', s)).toBeNull();
    expect(unseal('y'.repeat(48), 'session', s)).toBeNull();
    const parts = s.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(unseal(SECRET, 'session', [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.'))).toBeNull();
    expect(unseal(SECRET, 'session', 'garbage')).toBeNull();
  });

  it('never shows the value in the cookie text', () => {
    expect(seal(SECRET, 'session', { token: 'eyJhbGciOi-secret-token' }, later)).not.toContain('secret-token');
  });

  it('refuses a short secret', () => {
    expect(() => seal('short', 'session', 1, later)).toThrow(/at least 32/);
  });
});
