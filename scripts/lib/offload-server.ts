// Starts the production server (through scripts/start.sh, which builds it when stale) on a
// free port against a kubeconfig, for integration tests and checks. Node builtins only, so
// it also runs as plain TypeScript under `node` (type stripping).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { labDir } from '../../lab/state.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LAB_KUBECONFIG = resolve(labDir(ROOT), 'kubeconfig');

export interface OffloadServer {
  url: string;
  /** Where GET /metrics answers: the server's own metrics port (OFFLOAD_METRICS_PORT). */
  metricsUrl: string;
  /** The server process (start.sh execs node), e.g. to read its memory. */
  pid: number | undefined;
  /** Sent in the user agent of every API-server request this server makes. */
  instanceId: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export interface StartOptions {
  instanceId?: string;
  kubeconfig?: string;
  /** `readyz` (default): wait until the cache is synced; `healthz`: until the process answers. */
  waitFor?: 'readyz' | 'healthz';
  timeoutMs?: number;
  env?: Record<string, string>;
  /** A fixed port (a restarted server answers where the old one did); a free one otherwise. */
  port?: number;
  metricsPort?: number;
}

export async function startOffload(options: StartOptions = {}): Promise<OffloadServer> {
  const port = options.port ?? (await freePort());
  const metricsPort = options.metricsPort ?? (await freePort());
  const instanceId = options.instanceId ?? `test-${process.pid}-${port}`;
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: ROOT,
    // Its own process group, so stop() also ends a build still running.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      OFFLOAD_METRICS_PORT: String(metricsPort),
      ...options.env,
      PORT: String(port),
      KUBECONFIG: options.kubeconfig ?? LAB_KUBECONFIG,
      OFFLOAD_INSTANCE_ID: instanceId,
    },
  });
  if (child.pid !== undefined) trackGroup(child.pid, child);
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const server: OffloadServer = {
    url: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    pid: child.pid,
    instanceId,
    output: () => output,
    stop: () => stop(child),
  };
  try {
    await waitFor(`${server.url}/api/${options.waitFor ?? 'readyz'}`, child, options.timeoutMs ?? 300_000);
  } catch (err) {
    await server.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${output.slice(-4000)}`);
  }
  return server;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return endGroups([child.pid]).then(() => exited);
}

// A server runs in its own process group (detached), so it outlives a driver that is killed or
// interrupted unless the driver ends it: a `next-server` left by an interrupted soak spun at
// 80% CPU for 1.5 h. Every live group is ended when this process exits, however it exits.
const liveGroups = new Set<number>();
let exitHooked = false;

function trackGroup(pid: number, child: ChildProcess): void {
  liveGroups.add(pid);
  child.once('exit', () => liveGroups.delete(pid));
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => liveGroups.forEach((g) => signalGroup(g, 'SIGTERM')));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      // The default action, which this listener replaced, once the servers are gone: end with
      // the signal's status.
      void endGroups([...liveGroups]).then(() => process.kill(process.pid, signal));
    });
  }
}

/** SIGTERM, and SIGKILL what is still running 5 s later (a loaded machine saw a server take over 10 s). */
async function endGroups(groups: number[]): Promise<void> {
  groups.forEach((g) => signalGroup(g, 'SIGTERM'));
  const deadline = Date.now() + 5_000;
  while (groups.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  groups.filter(groupAlive).forEach((g) => signalGroup(g, 'SIGKILL'));
}

/** Whether any process of the process group `pid` still runs. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
