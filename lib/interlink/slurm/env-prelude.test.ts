import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { encodedEnvName, encodeEnvValue, ENV_VALUE_MAX_BYTES, envValueError, renderPrelude } from './env-encoding';

// The one test that runs processes: the prelude must restore every value byte for byte in
// both shells a job may get as /bin/sh (dash on Debian, bash on RHEL-like images). Values
// are batched, 100 per shell invocation, so 10,000 values cost 100 starts of each shell; the
// prelude itself starts one `base64` per value, which is where the time goes, so dash and
// bash run side by side.

const SHELLS = ['dash', 'bash'] as const;
const work = mkdtempSync(join(tmpdir(), 'offload-prelude-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let batchNo = 0;

/** Writes a job directory: prelude, secret files, and a script printing each value + NUL. */
function prepare(values: readonly string[], secretCount: number): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = join(work, String(batchNo++));
  const secretsDir = join(dir, 'secrets');
  mkdirSync(secretsDir, { recursive: true });
  const names = values.map((_, i) => `V${i}`);
  const variables = names.slice(0, names.length - secretCount);
  const secrets = names.slice(names.length - secretCount);
  writeFileSync(join(dir, 'script.sh'), `printf '%s\\0' ${names.map((n) => `"$${n}"`).join(' ')}\n`);
  secrets.forEach((name, i) => writeFileSync(join(secretsDir, name), values[variables.length + i] ?? ''));
  writeFileSync(join(dir, 'prelude.sh'), renderPrelude({ variables, secrets, secretsDir, scriptPath: join(dir, 'script.sh') }));
  // A clean environment: only PATH, a UTF-8 locale and the encoded values.
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' };
  variables.forEach((name, i) => (env[encodedEnvName(name)] = encodeEnvValue(values[i] ?? '')));
  return { dir, env };
}

/** Runs the prelude under `shell`; the restored values, hex-encoded. */
function run(shell: string, dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(shell, [join(dir, 'prelude.sh')], { env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || err.length > 0) return reject(new Error(`${shell} exited ${code}: ${Buffer.concat(err).toString()}`));
      const parts =
        Buffer.concat(out)
          .toString('hex')
          .match(/(?:[0-9a-f]{2})*?00/g) ?? [];
      resolve(parts.map((p) => p.slice(0, -2)));
    });
  });
}

async function restoreInBothShells(values: readonly string[], secretCount: number): Promise<void> {
  const { dir, env } = prepare(values, secretCount);
  try {
    const results = await Promise.all(SHELLS.map((shell) => run(shell, dir, env)));
    const expected = values.map((v) => Buffer.from(v, 'utf8').toString('hex'));
    results.forEach((restored, i) => expect(restored, SHELLS[i]).toEqual(expected));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tricky = fc.string({
  unit: fc.constantFrom(
    '\n',
    '\r',
    '\t',
    ' ',
    "'",
    '"',
    '$',
    '`',
    '\\',
    '%',
    ',',
    '=',
    ';',
    '&',
    '|',
    '*',
    '?',
    '~',
    '#',
    '!',
    '(',
    ')',
    '{',
    '}',
    'x',
    'é',
    '😀',
    '\u00a0',
    '-',
    '{}',
    '$(',
    '${x}',
  ),
  maxLength: 24,
});
const value = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 40 }), tricky, fc.constantFrom('', '\n', '\n\n', 'x', ' a ', 'a\n'))
  .filter((v) => envValueError(v) === null);
const batch = fc.tuple(fc.array(value, { minLength: 100, maxLength: 100 }), fc.integer({ min: 0, max: 100 }));

describe('the decode prelude under dash and bash', () => {
  // 2,000 values: each decodes in the shells with a process or two (sys time dominates), and
  // 10,000 took 175 s on a busy 2-core CI machine, at the edge of the time-out.
  it('restores 2,000 arbitrary values exactly (20 invocations of 100 values)', async () => {
    await fc.assert(
      fc.asyncProperty(batch, ([values, secretCount]) => restoreInBothShells(values, secretCount)),
      { numRuns: 20 },
    );
  }, 180_000);

  it('restores the edge cases and a value of the maximum size', async () => {
    const big = `${'é😀\n'.repeat(Math.floor(ENV_VALUE_MAX_BYTES / 8))}\n\n`;
    expect(envValueError(big)).toBeNull();
    await restoreInBothShells(['', '\n', 'trailing\n\n', ' both ends ', `"'\`$HOME\\%,=;&`, 'multi\nline\r\n', '😀', big], 2);
  });

  it('stops with a message instead of running with a wrong value', async () => {
    const { dir, env } = prepare(['a', 'b'], 1);
    rmSync(join(dir, 'secrets', 'V1'));
    await expect(run('dash', dir, env)).rejects.toThrow(/offload: cannot restore V1: cannot read/);
    await expect(run('bash', dir, { ...env, OFFLOAD_B64_V0: '!!' })).rejects.toThrow(/offload: cannot restore V0: base64 -d failed/);
  });
});
