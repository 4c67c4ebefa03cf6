import { describe, expect, it } from 'vitest';

import { AuthConfigError, authConfigFrom } from './config';

const files: Record<string, string> = { '/s/secret': 'f'.repeat(40) + '\n', '/s/ca.pem': 'PEM', '/s/client': 'shh\n' };
const read = (p: string) => {
  const v = files[p];
  if (v === undefined) throw new Error(`ENOENT ${p}`);
  return v;
};
const config = (env: Record<string, string>) => authConfigFrom(env, read, () => 'generated'.repeat(5));
const oidcEnv = { OFFLOAD_OIDC_ISSUER_URL: 'https://idp.example/realms/hpc/', OFFLOAD_OIDC_CLIENT_ID: 'offload' };

describe('authConfigFrom', () => {
  it('defaults to token sign-in with a per-process secret when nothing is configured', () => {
    expect(config({})).toMatchObject({
      mode: 'signin',
      methods: ['token'],
      oidc: null,
      sessionSecretConfigured: false,
      publicUrl: null,
      sessionMaxAgeMs: 12 * 3_600_000,
    });
  });

  it('turns sign-in off only when asked', () => {
    expect(config({ OFFLOAD_AUTH: 'none' })).toEqual({ mode: 'none' });
    expect(config({ OFFLOAD_AUTH: ' NONE ', ...oidcEnv })).toEqual({ mode: 'none' });
  });

  it('offers OIDC and token sign-in when an issuer is configured, with the documented defaults', () => {
    const c = config({ ...oidcEnv, OFFLOAD_OIDC_CLIENT_SECRET_FILE: '/s/client', OFFLOAD_OIDC_CA_FILE: '/s/ca.pem' });
    expect(c).toMatchObject({ methods: ['oidc', 'token'] });
    if (c.mode !== 'signin') throw new Error('expected sign-in');
    expect(c.oidc).toEqual({
      issuer: 'https://idp.example/realms/hpc',
      clientId: 'offload',
      clientSecret: 'shh',
      scopes: 'openid profile email groups offline_access',
      usernameClaim: 'preferred_username',
      groupsClaim: 'groups',
      ca: 'PEM',
    });
  });

  it('reads secrets from *_FILE and honours explicit method lists', () => {
    const c = config({
      ...oidcEnv,
      OFFLOAD_AUTH: 'oidc',
      OFFLOAD_SESSION_SECRET_FILE: '/s/secret',
      OFFLOAD_PUBLIC_URL: 'https://offload.example.org/',
    });
    expect(c).toMatchObject({
      methods: ['oidc'],
      sessionSecret: 'f'.repeat(40),
      sessionSecretConfigured: true,
      publicUrl: 'https://offload.example.org',
    });
  });

  it('refuses configurations that cannot work, naming the setting', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ OFFLOAD_AUTH: 'oidc' }, /OFFLOAD_OIDC_ISSUER_URL is not set/],
      [{ OFFLOAD_AUTH: 'password' }, /"password" is not one of them/],
      [{ OFFLOAD_OIDC_ISSUER_URL: 'https://idp' }, /OFFLOAD_OIDC_CLIENT_ID must be set/],
      [{ ...oidcEnv, OFFLOAD_OIDC_ISSUER_URL: 'http://idp' }, /must be an https URL/],
      [{ OFFLOAD_SESSION_SECRET: 'short' }, /at least 32 characters/],
      [{ OFFLOAD_SESSION_MAX_AGE_HOURS: '0' }, /positive number of hours/],
      [{ OFFLOAD_PUBLIC_URL: 'https://x.example/offload' }, /the site's origin/],
    ];
    for (const [env, message] of cases) expect(() => config(env)).toThrow(message);
    expect(() => config({ OFFLOAD_AUTH: 'x' })).toThrow(AuthConfigError);
  });
});
