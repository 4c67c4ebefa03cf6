// Helpers for the lab's own acceptance tests: they drive the lab the way a person would, with
// kubectl as a given user and Slurm's own commands.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { labDir } from '../../lab/state.ts';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '..', '..');
export const LAB = labDir(ROOT);
const env = {
  ...process.env,
  PATH: `${LAB}/bin:${process.env.PATH ?? ''}`,
  SLURM_CONF: `${LAB}/slurm/slurm.conf`,
};

export type User = 'admin' | 'alice' | 'bob';

/**
 * How long a pod's status may lag Slurm on the lab while other unfinished pods share its
 * node. The released plugin answers a status request from a 10 s cache that holds the last
 * pod it looked up (pkg/slurm/Status.go, `timer`, `cachedStatus`), and the virtual kubelet
 * asks pod by pod every 5 s (pkg/virtualkubelet/virtualkubelet.go, statusLoop): one pod per
 * 10 s gets a fresh answer, and a long-running one can take every turn for minutes (seen:
 * a Running job reported 100 s late beside a job at its time limit). Tests that wait on a
 * pod's status beside such jobs allow this much, or wait on Slurm itself.
 */
export const STATUS_LAG_MS = 150_000;

export interface CmdResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  /** Added to the lab's environment (PATH with .lab/bin, SLURM_CONF). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** A command with the lab's tools on PATH; never throws, the exit code says how it went. */
export async function exec(cmd: string, args: string[], input?: string, options: ExecOptions = {}): Promise<CmdResult> {
  const p = run(cmd, args, {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    maxBuffer: 32 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (input !== undefined) {
    p.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** kubectl as `user` (admin uses the certificate kubeconfig, researchers their token). */
export function kubectl(user: User, args: string[], input?: string): Promise<CmdResult> {
  const kubeconfig = user === 'admin' ? `${LAB}/kubeconfig` : `${LAB}/users/${user}.kubeconfig`;
  return exec('kubectl', [`--kubeconfig=${kubeconfig}`, ...args], input);
}

export async function kubectlOk(user: User, args: string[], input?: string): Promise<string> {
  const r = await kubectl(user, args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} as ${user} failed: ${r.stderr}`);
  return r.stdout;
}

export async function getJson<T>(user: User, args: string[]): Promise<T> {
  return JSON.parse(await kubectlOk(user, [...args, '-o', 'json'])) as T;
}

export function lab(args: string[]): Promise<CmdResult> {
  return exec('bash', [path.join(ROOT, 'lab', 'lab.sh'), ...args]);
}

/** `scontrol show job <id>` parsed into key=value pairs. */
export async function slurmJob(id: string): Promise<Record<string, string>> {
  const r = await exec('scontrol', ['show', 'job', '-o', id]);
  if (r.code !== 0) throw new Error(`scontrol show job ${id}: ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const m of r.stdout.matchAll(/(\S+?)=(\S*)/g)) {
    if (m[1] && !(m[1] in out)) out[m[1]] = m[2] ?? '';
  }
  return out;
}

/** Whether the lab's Slurm enforces --mem (task/cgroup: lab/lib/slurm.sh decides per machine). */
export async function slurmEnforcesMemory(): Promise<boolean> {
  const r = await exec('scontrol', ['show', 'config']);
  if (r.code !== 0) throw new Error(`scontrol show config: ${r.stderr}`);
  return /^TaskPlugin\s*=\s*task\/cgroup\s*$/m.test(r.stdout);
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function writeTemp(name: string, content: string): string {
  const file = path.join(tempDir('offload-lab-'), name);
  writeFileSync(file, content);
  return file;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
