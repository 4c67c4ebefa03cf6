// Two production Offload servers on fixed ports with one session key (as the chart runs
// replicas), which the soak kills and restarts where they were.
import { randomBytes } from 'node:crypto';

import { freePort, startOffload, type OffloadServer } from '../../scripts/lib/offload-server.ts';

export interface Replica {
  name: string;
  port: number;
  metricsPort: number;
  instanceId: string;
  server: OffloadServer | null;
  /** Output of every process this replica has had, for the unhandled-error check. */
  outputs: string[];
}

export interface Replicas {
  list: Replica[];
  start: (r: Replica) => Promise<number>;
  /** SIGKILL, as the OOM killer or a node failure ends a pod: no graceful shutdown. */
  kill: (r: Replica) => void;
  stopAll: () => Promise<void>;
}

export async function startReplicas(count: number, env: Record<string, string>): Promise<Replicas> {
  const secret = randomBytes(32).toString('hex');
  const list: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const name = `replica-${String.fromCharCode(97 + i)}`;
    list.push({
      name,
      port: await freePort(),
      metricsPort: await freePort(),
      instanceId: `soak-${process.pid}-${name}`,
      server: null,
      outputs: [],
    });
  }
  /** Starts (or restarts) a replica; resolves with the seconds until it was ready. */
  const start = async (r: Replica): Promise<number> => {
    const t0 = performance.now();
    r.server = await startOffload({
      port: r.port,
      metricsPort: r.metricsPort,
      instanceId: r.instanceId,
      env: { ...env, OFFLOAD_SESSION_SECRET: secret },
    });
    return (performance.now() - t0) / 1000;
  };
  const kill = (r: Replica) => {
    const s = r.server;
    if (s === null || s.pid === undefined) return;
    r.outputs.push(s.output());
    try {
      process.kill(-s.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    r.server = null;
  };
  // One at a time: the first start may build, and the build is one per checkout anyway.
  for (const r of list) await start(r);
  return {
    list,
    start,
    kill,
    stopAll: async () => {
      for (const r of list) {
        if (r.server === null) continue;
        r.outputs.push(r.server.output());
        await r.server.stop();
        r.server = null;
      }
    },
  };
}

/** Lines of the servers' output that report an unhandled error (the acceptance wants none). */
export function unhandledErrors(outputs: readonly string[]): string[] {
  const lines = outputs.flatMap((o) => o.split('\n'));
  // With the lines before it: a `[cause]` alone does not say where it came from.
  return lines.flatMap((l, i) =>
    /unhandled|uncaught|UnhandledPromiseRejection|TypeError|ReferenceError/i.test(l)
      ? [lines.slice(Math.max(0, i - 6), i + 1).join('\n')]
      : [],
  );
}
