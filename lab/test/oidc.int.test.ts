import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { LAB, kubectl } from '../../scripts/lib/lab-commands.ts';
import { oidcSignIn } from '../../scripts/lib/oidc.ts';

// The lab's OpenID Connect provider and the API server's trust in its ID tokens: whoever
// signs in on the provider's login page is that user to Kubernetes, with the same RBAC
// as the lab's static tokens.
const whoami = async (token: string) => {
  const r = await kubectl('admin', ['auth', 'whoami', `--token=${token}`, '-o', 'json', '--kubeconfig', '/dev/null', ...serverArgs()]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { status: { userInfo: { username: string; groups?: string[] } } };
};

function serverArgs(): string[] {
  // Talk to the lab's API server with nothing but the ID token.
  const { server, ca } = labServer();
  return [`--server=${server}`, `--certificate-authority=${ca}`];
}

function labServer(): { server: string; ca: string } {
  const kc = readFileSync(path.join(LAB, 'kubeconfig'), 'utf8');
  return { server: /server: (\S+)/.exec(kc)?.[1] ?? '', ca: path.join(LAB, 'pki', 'ca.crt') };
}

describe('OIDC sign-in in the lab', () => {
  it('alice signs in on the login page and the API server knows her as alice, a researcher', async () => {
    const tokens = await oidcSignIn('alice');
    expect(tokens.refresh_token).toBeTruthy();
    const me = await whoami(tokens.id_token);
    expect(me.status.userInfo.username).toBe('alice');
    expect(me.status.userInfo.groups).toContain('offload:researchers');
    const own = await kubectl('admin', [
      'get',
      'pods',
      '-n',
      'alice',
      `--token=${tokens.id_token}`,
      '--kubeconfig',
      '/dev/null',
      ...serverArgs(),
    ]);
    expect(own.code).toBe(0);
    const other = await kubectl('admin', [
      'get',
      'pods',
      '-n',
      'bob',
      `--token=${tokens.id_token}`,
      '--kubeconfig',
      '/dev/null',
      ...serverArgs(),
    ]);
    expect(other.stderr).toMatch(/forbidden/i);
  });

  it('admin signs in as a cluster admin', async () => {
    const me = await whoami((await oidcSignIn('admin')).id_token);
    expect(me.status.userInfo).toMatchObject({ username: 'admin', groups: expect.arrayContaining(['system:masters']) });
  });

  it('refuses a wrong password on the login page', async () => {
    await expect(oidcSignIn('bob', 'not-his-password')).rejects.toThrow('Unknown username or wrong password.');
  });
});
