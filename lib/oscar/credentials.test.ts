import { describe, expect, it } from 'vitest';

import { readAuthorization } from './credentials';

const basic = (userPass: string) => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;

describe('readAuthorization', () => {
  it('takes the Basic password as the token and the user name as said', () => {
    expect(readAuthorization(basic('alice:abc.def-ghi'))).toEqual({ kind: 'basic', username: 'alice', token: 'abc.def-ghi' });
    expect(readAuthorization(basic('a:b:c'))).toEqual({ kind: 'basic', username: 'a', token: 'b:c' });
  });

  it('takes a Bearer token, and nothing as none', () => {
    expect(readAuthorization('Bearer  tok')).toEqual({ kind: 'bearer', token: 'tok' });
    expect(readAuthorization(null)).toEqual({ kind: 'none' });
    expect(readAuthorization('  ')).toEqual({ kind: 'none' });
  });

  it('refuses what is not a token before it is sent anywhere, saying why', () => {
    expect(readAuthorization(basic('alice:'))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('Kubernetes bearer token') as unknown,
    });
    expect(readAuthorization(basic('alice:two words'))).toMatchObject({ kind: 'invalid' });
    expect(readAuthorization('Basic !!!')).toEqual({ kind: 'invalid', reason: 'The Basic credentials are not Base64 of "user:password".' });
    expect(readAuthorization(basic('no-colon'))).toMatchObject({ kind: 'invalid' });
    expect(readAuthorization('Digest x')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not Digest') as unknown });
  });
});
