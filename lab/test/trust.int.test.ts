import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { LAB, ROOT, tempDir, writeTemp } from '../../scripts/lib/lab-commands.ts';

// `npm run lab -- trust | untrust` in a throw-away home (never the real user's NSS database),
// and the summary `npm start` ends with: it offers the trust step only while it is missing.
const run = promisify(execFile);
const as = (home: string, extra: Record<string, string> = {}) => ({
  cwd: ROOT,
  env: { ...process.env, HOME: home, ...extra },
  timeout: 60_000,
});
const lab = async (home: string, ...args: string[]) => (await run('bash', ['lab/lab.sh', ...args], as(home))).stdout;
const nssdb = (home: string) => `sql:${path.join(home, '.pki', 'nssdb')}`;
const listed = async (home: string) => (await run('certutil', ['-d', nssdb(home), '-L'], as(home))).stdout;
const nick = `Offload lab CA (${LAB})`;
const summary = async (home: string) =>
  (await run('bash', ['scripts/lib/start-summary.sh'], as(home, { PORT: '3999', OFFLOAD_LAB: '1', OFFLOAD_BIND: '127.0.0.1' }))).stdout;

describe('trusting the lab in a browser', () => {
  it('adds the lab CA to the NSS database once, printing the command, and removes it again', async () => {
    const home = tempDir('offload-home-');
    await expect(run('bash', ['lab/lab.sh', 'trust', '--check'], as(home))).rejects.toThrow();
    const first = await lab(home, 'trust');
    expect(first).toContain(`+ certutil -d ${nssdb(home)} -A -t C,, -n '${nick}' -i ${path.join(LAB, 'pki', 'browser-ca.crt')}`);
    expect(await listed(home)).toMatch(new RegExp(`${nick.replace(/[()/.]/g, '\\$&')}\\s+C,,`));
    expect(await lab(home, 'trust')).toContain('already trusts');
    await lab(home, 'trust', '--check');
    expect(await lab(home, 'untrust')).toContain(`+ certutil -d ${nssdb(home)} -D -n '${nick}'`);
    expect(await listed(home)).not.toContain(nick);
    expect(await lab(home, 'untrust')).toContain('nothing to undo');
  });

  it('replaces the CA of an earlier .lab/ at the same place', async () => {
    const home = tempDir('offload-home-');
    mkdirSync(path.join(home, '.pki', 'nssdb'), { recursive: true });
    await run('certutil', ['-d', nssdb(home), '-N', '--empty-password'], as(home));
    const key = writeTemp('old.key', '');
    const old = writeTemp('old.crt', '');
    await run(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', old, '-days', '1', '-subj', '/CN=an earlier lab'],
      as(home),
    );
    await run('certutil', ['-d', nssdb(home), '-A', '-t', 'C,,', '-n', nick, '-i', old], as(home));
    await lab(home, 'trust');
    await lab(home, 'trust', '--check');
    const pem = (await run('certutil', ['-d', nssdb(home), '-L', '-n', nick, '-a'], as(home))).stdout;
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    expect(pem.replace(/\s/g, '')).toBe(readFileSync(path.join(LAB, 'pki', 'browser-ca.crt'), 'utf8').replace(/\s/g, ''));
  });
});

describe('the summary npm start ends with', () => {
  it('gives the address, the lab sign-in, the trust step while it is missing, how to stop and the logs', async () => {
    const home = tempDir('offload-home-');
    const before = await summary(home);
    expect(before).toContain('Offload is ready: http://127.0.0.1:3999');
    expect(before).toContain('as admin, alice or bob; the password is in .lab/users/<name>.password');
    expect(before).toContain('npm run lab -- trust');
    expect(before).toContain(`trust:   certutil -d ${nssdb(home)} -A -t C,, -n '${nick}'`);
    expect(before).toContain('Ctrl-C stops the dashboard; npm run lab -- down stops the lab');
    expect(before).toContain('.lab/logs/<component>.log');
    await lab(home, 'trust');
    expect(await summary(home)).not.toContain('npm run lab -- trust');
  });
});
