import { describe, expect, it } from 'vitest';

import { openServiceToken, serviceToken, TOKEN_TTL_MS } from './service-token';

const secret = 'x'.repeat(32);
const caller = { token: 'k8s-token', username: 'alice' };
const scope = { namespace: 'alice', service: 'hello' };
const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

describe('service tokens', () => {
  it('hold the caller and the service they are for, and open only with the same secret', () => {
    const token = serviceToken(secret, caller, scope, 1_000);
    expect(token).not.toContain('k8s-token');
    expect(openServiceToken(secret, token, 2_000)).toEqual({ ...caller, ...scope });
    expect(openServiceToken('y'.repeat(32), token, 2_000)).toBeNull();
    expect(openServiceToken(secret, `${token}x`, 2_000)).toBeNull();
  });

  it('expire after their time to live, or with the token inside when that is sooner', () => {
    const token = serviceToken(secret, caller, scope, 0);
    expect(openServiceToken(secret, token, TOKEN_TTL_MS - 1)).not.toBeNull();
    expect(openServiceToken(secret, token, TOKEN_TTL_MS)).toBeNull();
    const short = serviceToken(secret, { ...caller, token: jwt(60) }, scope, 0);
    expect(openServiceToken(secret, short, 59_999)).not.toBeNull();
    expect(openServiceToken(secret, short, 60_000)).toBeNull();
  });
});
