// Seeds scale into the lab for the benchmark — fabricated node and pod objects through the
// real API server (no Slurm behind them; the suite says so in its results) — and removes
// them again. Leases of the fabricated nodes are renewed while the suite runs.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import { type labClients, pool } from './cluster.ts';
import { BENCH_LABEL, BENCH_NAMESPACE, benchJob, benchNode, benchNodeName, benchPod, benchPodStatus, planPods } from './fabricate.ts';

type Clients = ReturnType<typeof labClients>;
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const isConflict = (e: unknown) => (e as { code?: number }).code === 409;

export interface SeedPlan {
  nodes: number;
  pods: number;
  ownedPods: number;
}

export async function seed(c: Clients, plan: SeedPlan, log: (s: string) => void): Promise<void> {
  const now = new Date();
  await c.core.createNamespace({ body: { metadata: { name: BENCH_NAMESPACE, labels: { [BENCH_LABEL]: 'true' } } } }).catch((e) => {
    if (!isConflict(e)) throw e;
  });
  const nodeIdx = Array.from({ length: plan.nodes }, (_, i) => i);
  await pool(nodeIdx, 8, async (i) => {
    const body = benchNode(i, now);
    await c.core.createNode({ body }).catch((e) => {
      if (!isConflict(e)) throw e;
    });
    await c.core.patchNodeStatus({ name: body.metadata.name, body: { status: body.status } }, merge);
  });
  await renewLeases(c, plan.nodes);
  log(`${plan.nodes} nodes`);
  const jobUids = new Map<number, { name: string; uid: string }>();
  await pool(
    Array.from({ length: plan.ownedPods }, (_, j) => j),
    16,
    async (j) => {
      const job = await c.batch.createNamespacedJob({ namespace: BENCH_NAMESPACE, body: benchJob(j) });
      jobUids.set(j, { name: job.metadata?.name ?? '', uid: job.metadata?.uid ?? '' });
    },
  );
  log(`${plan.ownedPods} jobs`);
  const pods = planPods(plan.pods, plan.nodes, plan.ownedPods);
  let done = 0;
  await pool(pods, 24, async (p) => {
    const owner = p.job === null ? null : (jobUids.get(p.job) ?? null);
    await c.core.createNamespacedPod({ namespace: BENCH_NAMESPACE, body: benchPod(p, owner) });
    await c.core.patchNamespacedPodStatus(
      { name: p.name, namespace: BENCH_NAMESPACE, body: { status: benchPodStatus(p.state, now) } },
      merge,
    );
    if (++done % 1000 === 0) log(`${done} pods`);
  });
}

/** Keeps the fabricated nodes' Leases fresh, as a kubelet would, so they stay Ready. */
export async function renewLeases(c: Clients, nodes: number): Promise<void> {
  // A Lease's renewTime is a MicroTime (six decimals), which client-node's Date serializer
  // cannot write: send it as text in a merge patch.
  const renewTime = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  await pool(
    Array.from({ length: nodes }, (_, i) => benchNodeName(i)),
    8,
    async (name) => {
      const body = { spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime } };
      await c.coordination.patchNamespacedLease({ name, namespace: 'kube-node-lease', body }, merge).catch(async (e) => {
        if ((e as { code?: number }).code !== 404) throw e;
        await c.coordination.createNamespacedLease({
          namespace: 'kube-node-lease',
          body: { metadata: { name, namespace: 'kube-node-lease' }, spec: { holderIdentity: name, leaseDurationSeconds: 40 } },
        });
        await c.coordination.patchNamespacedLease({ name, namespace: 'kube-node-lease', body }, merge);
      });
    },
  );
}

export async function cleanup(c: Clients, log: (s: string) => void): Promise<void> {
  // Pods on nodes without a kubelet never finish terminating: delete them at once.
  await c.core.deleteCollectionNamespacedPod({ namespace: BENCH_NAMESPACE, gracePeriodSeconds: 0 }).catch(() => undefined);
  await c.batch.deleteCollectionNamespacedJob({ namespace: BENCH_NAMESPACE, propagationPolicy: 'Background' }).catch(() => undefined);
  await c.core.deleteNamespace({ name: BENCH_NAMESPACE }).catch(() => undefined);
  await c.core.deleteCollectionNode({ labelSelector: `${BENCH_LABEL}=true` }).catch(() => undefined);
  const leases = await c.coordination.listNamespacedLease({ namespace: 'kube-node-lease' });
  const ours = leases.items.map((l) => l.metadata?.name ?? '').filter((n) => n.startsWith('bench-vk-'));
  await pool(ours, 8, (name) => c.coordination.deleteNamespacedLease({ name, namespace: 'kube-node-lease' }).catch(() => undefined));
  // A seed right after this would be refused while the namespace is still terminating (403
  // NamespaceTerminating, seen after a BENCH_KEEP_SEED run): wait until it is gone.
  const deadline = Date.now() + 180_000;
  while (await namespaceExists(c)) {
    if (Date.now() > deadline) throw new Error(`namespace ${BENCH_NAMESPACE} still terminating after 180 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('bench objects removed');
}

async function namespaceExists(c: Clients): Promise<boolean> {
  return c.core.readNamespace({ name: BENCH_NAMESPACE }).then(
    () => true,
    (e: unknown) => {
      if ((e as { code?: number }).code === 404) return false;
      throw e;
    },
  );
}
