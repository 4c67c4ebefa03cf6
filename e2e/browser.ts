import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Debian's chromium, as every journey launches it, and the trust step a person takes: the
// README's `npm run lab -- trust`, run with HOME pointing at a throw-away home so that the
// lab's CA lands in that home's NSS database (what Chromium reads on Linux), never the real
// user's. Certificate errors are never ignored.

export const ROOT = path.resolve(__dirname, '..');

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function tempHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'offload-e2e-home-'));
}

/** Runs `npm run lab -- <action>` (trust or untrust) as a person whose home is `home`. */
export function labTrust(home: string, action: 'trust' | 'untrust'): string {
  return execFileSync('npm', ['run', '--silent', 'lab', '--', action], {
    cwd: ROOT,
    env: { ...process.env, HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Chromium's environment for a person whose home is `home`. */
export function browserEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, HOME: home };
}
