// Samplers that run for the whole soak: API latency (GET /api/jobs through the replicas'
// address), each replica's memory and CPU from /proc, and Offload's view of the soak's jobs
// against the cluster's, for the "wrong state after recovery" check.
import { readFileSync } from 'node:fs';

import type { Replica } from './replicas.ts';

export interface Sample {
  at: number;
  ms: number;
  status: number | 'failed';
}

export async function timedGet(url: string, token: string): Promise<Sample> {
  const at = Date.now();
  const t0 = performance.now();
  try {
    const r = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
    await r.arrayBuffer();
    return { at, ms: performance.now() - t0, status: r.status };
  } catch {
    return { at, ms: performance.now() - t0, status: 'failed' };
  }
}

export function latencySampler(url: string, token: string, everyMs: number) {
  const samples: Sample[] = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void timedGet(url, token)
      .then((s) => samples.push(s))
      .finally(() => (busy = false));
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

export interface ProcessSample {
  at: number;
  replica: string;
  rssMb: number;
  /** CPU seconds used (user + system) so far by this process. */
  cpuSeconds: number;
}

const TICKS = 100; // USER_HZ on Linux

function readProcess(pid: number): { rssMb: number; cpuSeconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return { rssMb: Number(rss ?? 0) / 1024, cpuSeconds: cpu };
  } catch {
    return null;
  }
}

export function processSampler(replicas: readonly Replica[], everyMs = 2_000) {
  const samples: ProcessSample[] = [];
  const timer = setInterval(() => {
    for (const r of replicas) {
      const pid = r.server?.pid;
      const p = pid === undefined ? null : readProcess(pid);
      if (p !== null) samples.push({ at: Date.now(), replica: r.name, ...p });
    }
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/** Average CPU (% of one core) of each process over the samples, across restarts (per-process deltas). */
export function cpuPercent(samples: readonly ProcessSample[]): number {
  let cpu = 0;
  let wall = 0;
  const byReplica = new Map<string, ProcessSample[]>();
  for (const s of samples) byReplica.set(s.replica, [...(byReplica.get(s.replica) ?? []), s]);
  for (const list of byReplica.values()) {
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as ProcessSample;
      const b = list[i] as ProcessSample;
      // A restart resets the counter: that interval is not counted.
      if (b.cpuSeconds < a.cpuSeconds) continue;
      cpu += b.cpuSeconds - a.cpuSeconds;
      wall += (b.at - a.at) / 1000;
    }
  }
  return wall === 0 ? NaN : (100 * cpu) / wall;
}
