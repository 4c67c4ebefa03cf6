import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

import type { NodeView } from '@/lib/api/nodes';
import type { JobViewDto } from '@/lib/api/jobs';
import { connectSse, type SseConnection } from '../../scripts/lib/sse-client.ts';
import { userToken } from '../../scripts/lib/lab.ts';
import { startOffload } from '../../scripts/lib/offload-server.ts';
import { withOffloadServer } from '../../scripts/lib/vitest-server.ts';

import { LAB, getJson, kubectlOk, lab, slurmJob, uniqueName, waitFor } from '../../scripts/lib/lab-commands.ts';
import { offloadedJob } from '../../scripts/lib/manifests.ts';
import { condition, type NodeObj, type PodObj } from '../../scripts/lib/k8s-shapes.ts';

// Faults with the released interLink components: the plugin goes away and comes back, the
// virtual kubelet restarts under a running job. Offload follows each as the API server does.

const server = withOffloadServer();
const admin = { Authorization: `Bearer ${userToken('admin')}` };
const alice = { Authorization: `Bearer ${userToken('alice')}` };
const open: SseConnection[] = [];
afterAll(async () => {
  open.forEach((c) => c.close());
  await lab(['start', 'vega-vk-plugin']);
  await lab(['start', 'vega-vk']);
});

const nodeState = async () => {
  const node = await getJson<NodeObj>('admin', ['get', 'node', 'vega-vk']);
  return { ready: condition(node, 'Ready'), link: condition(node, 'InterlinkConnectivity') };
};

/** The API server's own watch of vega-vk's Ready status: when each value arrived. */
function watchReady(): { seen: (status: string) => Promise<number>; stop: () => void } {
  const child = spawn(
    'kubectl',
    [
      `--kubeconfig=${LAB}/kubeconfig`,
      'get',
      'node',
      'vega-vk',
      '--watch',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Ready")].status}{"\\n"}',
    ],
    {
      env: { ...process.env, PATH: `${LAB}/bin:${process.env.PATH ?? ''}` },
    },
  );
  const arrivals: Array<{ status: string; at: number }> = [];
  let rest = '';
  child.stdout.on('data', (b: Buffer) => {
    const at = Date.now();
    rest += b.toString();
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) if (l.trim() !== '') arrivals.push({ status: l.trim(), at });
  });
  const seen = (status: string) =>
    waitFor(`the API server's watch to show Ready=${status}`, 90_000, async () => arrivals.find((a) => a.status === status)?.at, 100);
  return { seen, stop: () => child.kill() };
}

const nodeOf = (data: string): NodeView | undefined => {
  const m = JSON.parse(data) as { object?: NodeView; items?: NodeView[] };
  return m.object?.name === 'vega-vk' ? m.object : m.items?.find((n) => n.name === 'vega-vk');
};

describe('the plugin stops and starts', () => {
  it('turns vega-vk NotReady with interLink’s reason, shown by Offload within 1 s of the API server, and back', async () => {
    // Ready to begin with; an earlier test's load or fault may still be settling (the virtual
    // kubelet pings every 30 s), so wait for it rather than fail on it.
    await waitFor(
      'vega-vk to be Ready before the fault',
      120_000,
      async () => ((await nodeState()).ready?.status === 'True' ? true : undefined),
      2_000,
    );
    const sse = await connectSse(`${server().url}/api/events?kinds=node`, admin);
    open.push(sse);
    await sse.next((m) => m.data.includes('"SNAPSHOT"'));
    const watch = watchReady();
    try {
      await watch.seen('True');
      expect((await lab(['stop', 'vega-vk-plugin'])).code).toBe(0);
      const apiDown = await watch.seen('False');
      const shown = await sse.next((m) => nodeOf(m.data)?.readyStatus === 'False', 90_000);
      const lag = shown.receivedAt - apiDown;
      console.log(`Offload streamed vega-vk NotReady ${lag} ms after the API server's watch did`);
      expect(lag).toBeLessThan(1000);

      const down = await nodeState();
      expect(down.link).toMatchObject({ status: 'False', reason: 'InterlinkPingFailed' });
      expect(down.link?.message).toMatch(/^Ping failed/);
      const view = nodeOf(shown.data);
      expect(view?.healthy).toBe(false);
      expect(view?.why).toMatch(/plugin/);

      expect((await lab(['start', 'vega-vk-plugin'])).code).toBe(0);
      await waitFor('vega-vk Ready again', 90_000, async () => ((await nodeState()).ready?.status === 'True' ? true : undefined));
      await sse.next((m) => nodeOf(m.data)?.healthy === true, 10_000);

      // A server started after it all tells the same story: the change and the recovery, at
      // the times this server saw them (Events on the Node are the record, not its memory).
      const seenHere = (await historyOf(server().url)).slice(-2);
      // Later than the recovery by more than the tolerance: a server that only knew what it saw
      // itself would date the recovery at its own start.
      await new Promise((r) => setTimeout(r, 10_000));
      const fresh = await startOffload();
      try {
        const later = (await historyOf(fresh.url)).slice(-2);
        expect(later.map((e) => e.healthy)).toEqual([false, true]);
        expect(seenHere.map((e) => e.healthy)).toEqual([false, true]);
        later.forEach((e, i) =>
          expect(Math.abs(Date.parse(e.at) - Date.parse(seenHere[i]?.at ?? '')), `${e.at} vs ${seenHere[i]?.at}`).toBeLessThan(5_000),
        );
      } finally {
        await fresh.stop();
      }
    } finally {
      watch.stop();
    }
  });
});

async function historyOf(url: string): Promise<Array<{ at: string; healthy: boolean }>> {
  const body = (await (await fetch(`${url}/api/nodes`, { headers: admin })).json()) as { virtualNodes: NodeView[] };
  return body.virtualNodes.find((n) => n.name === 'vega-vk')?.history.entries ?? [];
}

describe('the virtual kubelet restarts', () => {
  it.each(['vega-vk', 'lumi-vk'])('leaves a job running on %s followed to its real end, submitted once', async (node) => {
    const name = uniqueName(`vk-restart-${node.slice(0, 4)}`);
    // A unique Slurm job name: the plugin names the job after the pod otherwise.
    const slurmName = name.slice(0, 40);
    const sse = await connectSse(`${server().url}/api/events?kinds=job&job=alice/${name}`, alice);
    open.push(sse);
    await kubectlOk(
      'alice',
      ['apply', '-f', '-'],
      offloadedJob({
        name,
        namespace: 'alice',
        node,
        flags: `--job-name=${slurmName} --time=00:05:00 --cpus-per-task=1 --mem=100M`,
        script: 'sleep 25; echo adopted\n',
      }),
    );
    const pod = await waitFor('a running pod with a Slurm job id', 90_000, async () => {
      const list = await getJson<{ items: PodObj[] }>('alice', ['get', 'pods', '-n', 'alice', '-l', `job-name=${name}`]);
      const p = list.items[0];
      return p?.status.phase === 'Running' && p.metadata.annotations?.JobID ? p : undefined;
    });
    expect((await lab(['stop', node])).code).toBe(0);
    expect((await lab(['start', node])).code).toBe(0);

    // Nothing but progress: never a failure, a lost pod or an unknown state on the way.
    const seen: string[] = [];
    let row: JobViewDto | undefined;
    while (row?.state !== 'Succeeded') {
      const m = await sse.next((x) => x.data.includes(`"job:alice/${name}"`), 150_000);
      row = (JSON.parse(m.data) as { object?: JobViewDto }).object;
      seen.push(`${row?.state ?? 'none'}: ${row?.reason ?? ''}`);
    }
    expect(seen.filter((s) => !['WaitingForNode', 'Queued', 'Running', 'Succeeded'].includes(s.split(':')[0] ?? ''))).toEqual([]);
    expect(row.slurmJobId).toBe(pod.metadata.annotations?.JobID);
    expect((await slurmJob(row.slurmJobId ?? '')).JobState).toBe('COMPLETED');
    // Exactly one Slurm job under that name: the restarted virtual kubelet did not submit again.
    const env = { ...process.env, PATH: `${LAB}/bin:${process.env.PATH ?? ''}`, SLURM_CONF: `${LAB}/slurm/slurm.conf` };
    const ids = await new Promise<string>((done, fail) => {
      const c = spawn('squeue', ['-h', '-a', '--states=all', '-n', slurmName, '-o', '%i'], { env });
      let out = '';
      c.stdout.on('data', (b: Buffer) => (out += b.toString()));
      c.once('error', fail);
      c.once('exit', () => done(out));
    });
    expect(ids.trim().split('\n')).toEqual([row.slurmJobId]);
    expect(await kubectlOk('alice', ['logs', '-n', 'alice', pod.metadata.name])).toContain('adopted');
    await kubectlOk('alice', ['-n', 'alice', 'delete', 'job', name, '--wait=false']);
    // A virtual kubelet starts NotReady until its first ping (30 s): leave the node Ready.
    await waitFor(`${node} Ready again`, 90_000, async () =>
      (await kubectlOk('admin', ['get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).trim() === 'True'
        ? true
        : undefined,
    );
  });
});
