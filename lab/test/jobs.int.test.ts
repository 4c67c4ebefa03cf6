import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubectl, kubectlOk, getJson, slurmJob, STATUS_LAG_MS, tempDir, uniqueName, waitFor } from '../../scripts/lib/lab-commands.ts';
import { removeJobs } from '../../scripts/lib/lab-jobs.ts';
import { offloadedJob, type OffloadedJobSpec } from '../../scripts/lib/manifests.ts';
import type { PodObj } from '../../scripts/lib/k8s-shapes.ts';

const NS = 'alice';
// Removed even when a test fails: a job left running would hold the node's status turns
// (STATUS_LAG_MS) for the tests of the files after this one.
const created: string[] = [];
afterAll(async () => {
  await removeJobs(created, NS);
});

async function submit(spec: Omit<OffloadedJobSpec, 'namespace' | 'node'> & { node?: string }): Promise<string> {
  created.push(spec.name);
  await kubectlOk('alice', ['apply', '-f', '-'], offloadedJob({ namespace: NS, node: 'vega-vk', ...spec }));
  return spec.name;
}

async function podOf(job: string): Promise<PodObj | undefined> {
  const list = await getJson<{ items: PodObj[] }>('alice', ['get', 'pods', '-n', NS, '-l', `job-name=${job}`]);
  return list.items[0];
}

function waitForPod(job: string, what: string, ms: number, ok: (p: PodObj) => boolean): Promise<PodObj> {
  return waitFor(`${job}: ${what}`, ms, async () => {
    const p = await podOf(job);
    return p && ok(p) ? p : undefined;
  });
}

const finished = (p: PodObj) => p.status.phase === 'Succeeded' || p.status.phase === 'Failed';
const jobId = (p: PodObj) => p.metadata.annotations?.JobID ?? '';

describe.concurrent('offloaded jobs on the lab', () => {
  // Made with kubectl, with the default service account (its token is mounted, as for every
  // kubectl or OSCAR job that does not opt out): the released plugin must deliver it.
  it.each(['vega-vk', 'lumi-vk'])(
    'an OSCAR-shaped job runs on %s in Slurm as uid 1000 with the requested limits, and kubectl logs shows its output',
    async (node) => {
      const name = uniqueName(`lab-check-${node.slice(0, 4)}`);
      const data = tempDir('offload-bind-');
      const script = [
        'echo "uid=$(id -u)"',
        'echo "decoded=$(echo "$INPUT_B64" | base64 -d)"',
        'echo tmp > /tmp/probe && echo "tmp=writable"',
        'echo bound > /exp_data/result.txt && echo "bind=writable"',
        'for d in /etc /usr /opt /; do touch "$d/offload-probe" 2>/dev/null && echo "writable=$d" || echo "readonly=$d"; done',
        'test -s /var/run/secrets/kubernetes.io/serviceaccount/token && echo "token=mounted"',
        '',
      ].join('\n');
      await submit({
        name,
        node,
        flags: '--job-name=lab-check --time=00:05:00 --cpus-per-task=1 --mem=200M',
        preExec: 'echo "pre-exec ran"\n',
        mounts: `--bind ${data}:/exp_data`,
        script,
        env: { INPUT_B64: Buffer.from('hello from alice').toString('base64') },
      });
      const pod = await waitForPod(name, 'Succeeded', 60_000 + STATUS_LAG_MS, finished);
      expect(pod.status.phase).toBe('Succeeded');
      expect(pod.spec.nodeName).toBe(node);

      const slurm = await slurmJob(jobId(pod));
      expect(slurm.JobName).toBe('lab-check');
      expect(slurm.TimeLimit).toBe('00:05:00');
      expect(slurm.MinMemoryNode).toBe('200M');
      expect(slurm.JobState).toBe('COMPLETED');

      const logs = await kubectlOk('alice', ['logs', '-n', NS, pod.metadata.name]);
      expect(logs).toContain('pre-exec ran');
      expect(logs).toContain('uid=1000');
      expect(logs.split('\n')).toContain('decoded=hello from alice');
      expect(logs).toContain('token=mounted');
      expect(logs).toContain('tmp=writable');
      expect(logs).toContain('bind=writable');
      for (const d of ['/etc', '/usr', '/opt', '/']) expect(logs).toContain(`readonly=${d}`);
      expect(logs).not.toContain('writable=/');
      expect(readFileSync(path.join(data, 'result.txt'), 'utf8')).toBe('bound\n');
      expect(existsSync('/offload-probe')).toBe(false);
    },
  );

  it('the itwinai 3DGAN request runs on the gpu partition', async () => {
    const name = uniqueName('3dgan');
    await submit({
      name,
      flags: '--job-name=3dgan --time=00:10:00 --partition=gpu --gres=gpu:1 --cpus-per-task=4 --mem=100G --ntasks-per-node=1 --nodes=1',
      script: 'echo "3dgan inference on ${CUDA_VISIBLE_DEVICES:-no devices}"\n',
    });
    const pod = await waitForPod(name, 'finished', 60_000 + STATUS_LAG_MS, finished);
    expect(pod.status.phase).toBe('Succeeded');
    const slurm = await slurmJob(jobId(pod));
    expect(slurm.Partition).toBe('gpu');
    expect(slurm.MinMemoryNode).toBe('100G');
    expect(slurm.NumCPUs).toBe('4');
    expect(slurm.TresPerNode).toMatch(/gpu:1/);
  });

  it('a pre-exec can pull a .sif with the singularity stand-in, which says it cannot pull images', async () => {
    const name = uniqueName('sif');
    const sif = path.join(tempDir('offload-sif-'), 'itwinai.sif');
    await submit({
      name,
      flags: '--job-name=sif --time=00:05:00 --cpus-per-task=1 --mem=100M',
      preExec: `singularity pull ${sif} docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2\n`,
      script: 'echo ran-from-sif\n',
    });
    const pod = await waitForPod(name, 'finished', 60_000 + STATUS_LAG_MS, finished);
    expect(pod.status.phase).toBe('Succeeded');
    expect(readFileSync(sif, 'utf8')).toContain('placeholder');
    const logs = await kubectlOk('alice', ['logs', '-n', NS, pod.metadata.name]);
    expect(logs).toContain('cannot pull images');
    expect(logs).toContain('ran-from-sif');
  });

  it('Slurm ends a job at its time limit (--time=1 is one minute)', async () => {
    const name = uniqueName('timeout');
    await submit({ name, flags: '--job-name=timeout --time=1 --cpus-per-task=1 --mem=100M', script: 'sleep 600\n' });
    const running = await waitForPod(name, 'a Slurm job id', 60_000, (p) => jobId(p) !== '');
    const state = await waitFor(
      'Slurm TIMEOUT',
      200_000,
      async () => {
        const s = await slurmJob(jobId(running));
        return s.JobState === 'TIMEOUT' ? s : undefined;
      },
      5000,
    );
    expect(state.TimeLimit).toBe('00:01:00');
    const pod = await waitForPod(name, 'terminated', STATUS_LAG_MS, finished);
    // The plugin sends reason SlurmJobTimeout with this message (pkg/slurm/Status.go); the
    // virtual kubelet overwrites the reason, so only the message tells.
    const terminated = pod.status.containerStatuses?.[0]?.state?.terminated;
    expect(terminated?.message).toBe('SLURM job reached its time limit and was terminated');
    expect(terminated?.reason).not.toBe('SlurmJobTimeout');
  });

  it('deleting a running job cancels its Slurm job', async () => {
    const name = uniqueName('cancel');
    await submit({ name, flags: '--job-name=cancel --time=00:10:00 --cpus-per-task=1 --mem=100M', script: 'sleep 600\n' });
    // Slurm says when it runs: the pod's phase may lag it (STATUS_LAG_MS) beside the time-limit job.
    const id = jobId(await waitForPod(name, 'a Slurm job id', 60_000, (p) => jobId(p) !== ''));
    await waitFor('Slurm RUNNING', 60_000, async () => ((await slurmJob(id)).JobState === 'RUNNING' ? true : undefined));
    expect((await kubectl('alice', ['delete', 'job', '-n', NS, name, '--wait=false'])).code).toBe(0);
    const s = await waitFor('Slurm CANCELLED', 90_000, async () => {
      const j = await slurmJob(id);
      return j.JobState === 'CANCELLED' ? j : undefined;
    });
    expect(s.JobState).toBe('CANCELLED');
    await waitFor('the pod to be gone', 60_000, async () => ((await podOf(name)) === undefined ? true : undefined));
  });
});
