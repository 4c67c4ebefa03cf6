// (3) Push latency: a pod status PATCH (as the virtual kubelet would send it) to the API
// server, until the `job` message reaches an SSE client, and until the row's state changes
// on the jobs page in Chromium. Both watch the same PATCH.
import type { Browser } from '@playwright/test';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import { connectSse } from '../scripts/lib/sse-client.ts';
import { openJobsPage, rowChangedAt, watchRow } from './chromium.ts';
import { type labClients } from './cluster.ts';
import { BENCH_NAMESPACE, benchPodStatus, type BenchState, type PodPlan } from './fabricate.ts';
import { asAdmin } from './http.ts';

type Clients = ReturnType<typeof labClients>;
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export interface PushSamples {
  sseMs: number[];
  browserMs: number[];
}

/** Probes: bare pods seeded Running, toggled Running ↔ Queued (a terminal phase cannot be left). */
export function probePods(plans: readonly PodPlan[], count: number): PodPlan[] {
  const probes = plans.filter((p) => p.job === null && p.state === 'Running').slice(-count);
  if (probes.length < count) throw new Error(`only ${probes.length} Running bare pods to probe with`);
  return probes;
}

export async function measurePush(
  base: string,
  token: string,
  c: Clients,
  browser: Browser,
  probes: readonly PodPlan[],
  patches: number,
  log: (s: string) => void,
): Promise<PushSamples> {
  const sse = await connectSse(`${base}/api/events?kinds=job`, asAdmin(token));
  const page = await openJobsPage(browser, base);
  const state = new Map<string, BenchState>(probes.map((p) => [p.name, p.state]));
  const out: PushSamples = { sseMs: [], browserMs: [] };
  try {
    if (sse.status !== 200) throw new Error(`GET /api/events: ${sse.status}`);
    await sse.next((m) => m.data.includes('"type":"SNAPSHOT"'), 120_000);
    for (let i = 0; i < patches; i++) {
      const p = probes[i % probes.length] as PodPlan;
      const want: BenchState = state.get(p.name) === 'Running' ? 'Queued' : 'Running';
      await watchRow(page.page, p.name, want === 'Queued' ? 'Queued' : 'Running');
      const key = `"key":"pod:${BENCH_NAMESPACE}/${p.name}"`;
      const t0 = Date.now();
      await c.core.patchNamespacedPodStatus(
        { name: p.name, namespace: BENCH_NAMESPACE, body: { status: benchPodStatus(want, new Date()) } },
        merge,
      );
      await sse.next((m) => m.data.includes(key) && m.data.includes(`"state":"${want}"`), 15_000);
      out.sseMs.push(Date.now() - t0);
      out.browserMs.push((await rowChangedAt(page.page)) - t0);
      state.set(p.name, want);
    }
    log(`push: ${patches} patches, SSE max ${Math.max(...out.sseMs)} ms, browser max ${Math.max(...out.browserMs)} ms`);
    return out;
  } finally {
    sse.close();
    await page.close();
    // Leave the probes as they were seeded.
    for (const p of probes) {
      if (state.get(p.name) !== p.state)
        await c.core
          .patchNamespacedPodStatus(
            { name: p.name, namespace: BENCH_NAMESPACE, body: { status: benchPodStatus(p.state, new Date()) } },
            merge,
          )
          .catch(() => undefined);
    }
  }
}
