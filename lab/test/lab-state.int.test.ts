import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { labState, type LabState } from '../state';
import { LAB, ROOT, tempDir } from '../../scripts/lib/lab-commands.ts';

// "Is the lab up?" as npm test, npm start and the benchmark ask it (issue #19): the exit code
// of `lab.sh status --quiet`, read by lab/state.ts and scripts/lib/lab-state.sh. Asked 20
// times in a row it must give the same answer every time (the old `status | grep -q` under
// pipefail said "down" for a running lab whenever grep's early exit SIGPIPE'd lab.sh).
// "Up" is asked of the suite's own running lab; "down" and "partial" of lab directories made
// here (nothing running, or a `sleep` behind a pid file), so no running lab is disturbed.

const TIMES = 20;
const COMPONENTS = [
  'oidc',
  'etcd',
  'apiserver',
  'controller-manager',
  'scheduler',
  'kwok',
  'munge',
  'slurmctld',
  'slurmd',
  ...['vega-vk', 'lumi-vk'].flatMap((n) => [`${n}-plugin`, `${n}-interlink`, n]),
];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((done) => {
    execFile('bash', args, { cwd: ROOT, env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** The environment with these variables set (a value) or removed (undefined). */
function envWith(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

const status = (dir: string, ...args: string[]) =>
  run([path.join(ROOT, 'lab', 'lab.sh'), 'status', ...args], envWith({ OFFLOAD_LAB_DIR: dir }));
/** scripts/lib/lab-state.sh's lab_state, as scripts/test.sh and scripts/start.sh call it. */
const bashLabState = (dir: string) => run(['-c', 'source scripts/lib/lab-state.sh && lab_state'], envWith({ OFFLOAD_LAB_DIR: dir }));

/** Every way of asking, TIMES times each, gives `expected` every time. */
async function askRepeatedly(dir: string, expected: LabState): Promise<void> {
  const wholeCode = { up: 0, partial: 3, down: 1 }[expected];
  for (let i = 0; i < TIMES; i++) {
    const quiet = await status(dir, '--quiet');
    expect({ i, code: quiet.code, out: quiet.stdout + quiet.stderr }).toEqual({ i, code: wholeCode, out: '' });
    const helper = await bashLabState(dir);
    expect({ i, out: helper.stdout.trim(), code: helper.code }).toEqual({ i, out: expected, code: 0 });
    expect({ i, state: await labState(ROOT, { dir }) }).toEqual({ i, state: expected });
  }
}

const sleepers: ChildProcess[] = [];
const made: string[] = [];
/** A fresh, empty directory, removed after the tests. */
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}
/** A lab directory whose run/ holds a live pid file for each of `running` (a `sleep`), as lab/lib/components.sh writes them. */
function fakeLab(running: string[]): string {
  const dir = scratch('offload-lab-state-');
  mkdirSync(path.join(dir, 'run'));
  for (const c of running) {
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    sleepers.push(sleeper);
    writeFileSync(path.join(dir, 'run', `${c}.pid`), `${sleeper.pid}\n`);
  }
  return dir;
}

afterAll(() => {
  for (const s of sleepers) s.kill('SIGKILL');
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('the suite\'s running lab is "up"', () => {
  it(`${TIMES} times: lab.sh status --quiet, lab_state and labState`, async () => {
    await askRepeatedly(LAB, 'up');
  });

  it(`${TIMES} times: lab.sh status --quiet apiserver (and two components)`, async () => {
    for (let i = 0; i < TIMES; i++) {
      expect({ i, code: (await status(LAB, '--quiet', 'apiserver')).code }).toEqual({ i, code: 0 });
      expect({ i, code: (await status(LAB, '--quiet', 'apiserver', 'slurmctld')).code }).toEqual({ i, code: 0 });
    }
    expect(await labState(ROOT, { dir: LAB, components: ['apiserver'] })).toBe('up');
  });

  it('status without --quiet still prints one line per component, with its pid', async () => {
    const r = await status(LAB);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(COMPONENTS);
    for (const l of lines) expect(l).toMatch(/^\S+ +running +\d+$/);
  });
});

describe('a lab that is down is "down"', () => {
  let empty = '';
  let stoppedApiserver = '';
  beforeAll(() => {
    empty = scratch('offload-lab-down-');
    stoppedApiserver = fakeLab(COMPONENTS.filter((c) => c !== 'apiserver'));
  });

  it(`${TIMES} times: an empty lab directory (nothing ever ran there)`, async () => {
    await askRepeatedly(empty, 'down');
  });

  it(`${TIMES} times: lab.sh status --quiet apiserver, with the API server stopped and everything else running`, async () => {
    for (let i = 0; i < TIMES; i++) {
      expect({ i, code: (await status(empty, '--quiet', 'apiserver')).code }).toEqual({ i, code: 1 });
      expect({ i, code: (await status(stoppedApiserver, '--quiet', 'apiserver')).code }).toEqual({ i, code: 1 });
      expect({ i, code: (await status(stoppedApiserver, '--quiet', 'etcd', 'apiserver')).code }).toEqual({ i, code: 1 });
    }
    expect(await labState(ROOT, { dir: stoppedApiserver, components: ['apiserver'] })).toBe('down');
    expect(await labState(ROOT, { dir: stoppedApiserver, components: ['etcd'] })).toBe('up');
  });

  it('a pid file whose process has ended counts as stopped', async () => {
    const dir = scratch('offload-lab-stale-');
    mkdirSync(path.join(dir, 'run'));
    const ended = spawn('true');
    await new Promise((r) => ended.once('exit', r));
    writeFileSync(path.join(dir, 'run', 'apiserver.pid'), `${ended.pid}\n`);
    expect((await status(dir, '--quiet')).code).toBe(1);
    expect((await status(dir, '--quiet', 'apiserver')).code).toBe(1);
  });
});

describe('a lab that runs in part is "partial"', () => {
  it(`${TIMES} times: one live pid file (etcd) in run/`, async () => {
    const dir = fakeLab(['etcd']);
    await askRepeatedly(dir, 'partial');
    expect((await status(dir, '--quiet', 'etcd')).code).toBe(0);
    expect(await labState(ROOT, { dir, components: ['etcd'] })).toBe('up');
    expect((await status(dir)).stdout).toMatch(/^etcd +running +\d+$/m);
  });

  it('everything but the API server is still "partial"', async () => {
    expect((await status(fakeLab(COMPONENTS.filter((c) => c !== 'apiserver')), '--quiet')).code).toBe(3);
  });
});

describe('mistakes', () => {
  it('an unknown component exits 2 and says so; labState rejects', async () => {
    const r = await status(LAB, '--quiet', 'apiservr');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown component apiservr/);
    await expect(labState(ROOT, { dir: LAB, components: ['apiservr'] })).rejects.toThrow(/exited with 2/);
    expect((await status(LAB, '--quite')).code).toBe(2);
  });

  it('a lab made at another port offset is not brought up or started there, and says which offset it was made with', async () => {
    const dir = scratch('offload-lab-offset-');
    writeFileSync(path.join(dir, 'kubeconfig'), 'clusters:\n- cluster:\n    server: https://127.0.0.1:27343\n  name: lab\n');
    for (const args of [['up'], ['start', 'etcd']]) {
      const r = await run(['lab/lab.sh', ...args], { ...process.env, OFFLOAD_LAB_DIR: dir, OFFLOAD_LAB_PORT_OFFSET: '100' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('was made with OFFLOAD_LAB_PORT_OFFSET=900 (its API server on port 27343), not 100');
    }
    expect(readdirSync(dir)).toEqual(['kubeconfig']);
  });
});

// scripts/test.sh's choice of lab (scripts/lib/lab-state.sh, choose_test_lab): a lab that
// runs is never the one tested on.
describe('which lab npm test runs on', () => {
  const choose = (vars: Record<string, string | undefined>) =>
    run(
      [
        '-c',
        'source scripts/lib/lab-state.sh && choose_test_lab && printf "%s|%s|%s|%s\\n" ' +
          '"$OFFLOAD_LAB_DIR" "${OFFLOAD_LAB_PORT_OFFSET:-}" "$KUBECONFIG" "$TEST_LAB_SEPARATE"',
      ],
      envWith({
        OFFLOAD_LAB_PORT_OFFSET: undefined,
        OFFLOAD_TEST_LAB_PORT_OFFSET: undefined,
        KUBECONFIG: '/elsewhere/kubeconfig',
        ...vars,
      }),
    );

  it('the lab is down: the tests run on it', async () => {
    const main = scratch('offload-lab-main-');
    const r = await choose({ OFFLOAD_LAB_DIR: main, OFFLOAD_TEST_LAB_DIR: scratch('offload-lab-test-') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('is down: testing on it');
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`${main}||${main}/kubeconfig|0`);
  });

  it('the lab runs: a separate lab at port offset 300, and the running one is named as left alone', async () => {
    const main = fakeLab(['apiserver']);
    const own = scratch('offload-lab-test-');
    const r = await choose({ OFFLOAD_LAB_DIR: main, OFFLOAD_TEST_LAB_DIR: own });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `found the lab in ${main} running (used by npm start?); testing on a separate lab in ${own} ` +
        `at port offset 300; ${main} is left as it is`,
    );
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`${own}|300|${own}/kubeconfig|1`);
  });

  it(
    "the caller's port offset is the running lab's: the separate lab goes 300 above it, or " + 'where OFFLOAD_TEST_LAB_PORT_OFFSET says',
    async () => {
      const main = fakeLab(['etcd']);
      const own = scratch('offload-lab-test-');
      expect(
        (await choose({ OFFLOAD_LAB_DIR: main, OFFLOAD_TEST_LAB_DIR: own, OFFLOAD_LAB_PORT_OFFSET: '400' })).stdout
          .trim()
          .split('\n')
          .at(-1),
      ).toBe(`${own}|700|${own}/kubeconfig|1`);
      expect(
        (await choose({ OFFLOAD_LAB_DIR: main, OFFLOAD_TEST_LAB_DIR: own, OFFLOAD_TEST_LAB_PORT_OFFSET: '900' })).stdout
          .trim()
          .split('\n')
          .at(-1),
      ).toBe(`${own}|900|${own}/kubeconfig|1`);
    },
  );

  it('the separate lab runs too (another npm test?): it refuses, and says how to take it down', async () => {
    const main = fakeLab(['apiserver']);
    const own = fakeLab(['etcd']);
    const r = await choose({ OFFLOAD_LAB_DIR: main, OFFLOAD_TEST_LAB_DIR: own });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`OFFLOAD_LAB_DIR=${own} npm run lab -- down`);
  });
});

// The pattern behind issue #19, kept out of the repository's shell scripts: a pipe into
// `grep -q` (or anything that stops reading early) fails under pipefail when the writer
// gets SIGPIPE. Read into a variable first, or ask for an exit code.
describe('no `| grep -q` in the shell scripts', () => {
  it('lab/, scripts/, bench/, .ci/', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules' && e.name !== 'interlink') walk(p);
        } else if (/\.sh$/.test(e.name) || /^#!.*\b(ba)?sh\b/.test(readFileSync(p, 'utf8').slice(0, 100))) files.push(p);
      }
    };
    for (const d of ['lab', 'scripts', 'bench', '.ci']) walk(path.join(ROOT, d));
    expect(files).toEqual(
      expect.arrayContaining(
        ['scripts/test.sh', 'scripts/lib/lab-state.sh', 'lab/lab.sh', 'lab/singularity', '.ci/run'].map((f) => path.join(ROOT, f)),
      ),
    );
    const offending = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\|\s*grep\s+(-\w*q|--quiet)/.test(line) && !/^\s*#/.test(line) ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offending).toEqual([]);
  });
});
