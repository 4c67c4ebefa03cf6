import { describe, expect, it } from 'vitest';

import { Unauthorized } from '@/lib/k8s/errors';

import { identify } from './identity';

const req = (authorization?: string) => new Request('http://x/api/nodes', { headers: authorization === undefined ? {} : { authorization } });

describe('identify', () => {
  it('acts as the server without a header, as the token holder with one', () => {
    expect(identify(req())).toEqual({ kind: 'server' });
    expect(identify(req('Bearer abc.def'))).toEqual({ kind: 'bearer', token: 'abc.def' });
    expect(identify(req('bearer  abc '))).toEqual({ kind: 'bearer', token: 'abc' });
  });

  it('refuses other schemes and empty tokens with 401', () => {
    for (const h of ['Basic dXNlcjpwdw==', 'Bearer', 'Bearer ', 'Bearer a b']) expect(() => identify(req(h))).toThrow(Unauthorized);
  });
});
