import { afterAll, describe, expect, it } from 'vitest';

import { JobDetailResponseSchema } from '@/lib/api/job-detail';
import { JobsResponseSchema, type JobViewDto } from '@/lib/api/jobs';
import { kubectlOk, slurmEnforcesMemory, slurmJob, STATUS_LAG_MS, waitFor } from '../../../scripts/lib/lab-commands.ts';
import { createOscarJob, removeJobs } from '../../../scripts/lib/lab-jobs.ts';
import { labComponent, userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// Every state of the job-state mapping, produced by real Slurm through the released interLink
// virtual kubelet and both Slurm plugin releases the lab runs, as Offload's API reports it:
// vega-vk runs plugin 0.6.1, lumi-vk 0.6.2-pre5 (lab/versions.env).

const server = withOffloadServer();
const alice = { Authorization: `Bearer ${userToken('alice')}` };
const created: string[] = [];
afterAll(async () => {
  await removeJobs(created);
});

async function rowOf(name: string): Promise<JobViewDto | undefined> {
  const response = await fetch(`${server().url}/api/jobs?namespace=alice&q=${name}&limit=0`, { headers: alice });
  if (!response.ok) return undefined;
  return JobsResponseSchema.parse(await response.json()).jobs.find((j) => j.name === name);
}

async function diagnosisOf(name: string) {
  const response = await fetch(`${server().url}/api/jobs/alice/${name}`, { headers: alice });
  return JobDetailResponseSchema.parse(await response.json()).diagnosis;
}

function waitForRow(name: string, what: string, ms: number, ok: (r: JobViewDto) => boolean): Promise<JobViewDto> {
  return waitFor(`${name}: ${what}`, ms, async () => {
    const row = await rowOf(name);
    return row !== undefined && ok(row) ? row : undefined;
  });
}

const FINISHED = ['Succeeded', 'Failed', 'TimedOut', 'OutOfMemory', 'Cancelled', 'SubmissionFailed'];
const finished = (r: JobViewDto) => FINISHED.includes(r.state);

async function job(node: string, prefix: string, script: string, flags?: string): Promise<string> {
  const name = await createOscarJob({ prefix: `${prefix}-${node.slice(0, 4)}`, node, script, flags });
  created.push(name);
  return name;
}

describe.each(['vega-vk', 'lumi-vk'])('job states through %s', (node) => {
  describe.concurrent('while the node is ready', () => {
    it('Succeeded, with exit code 0 and Slurm COMPLETED', async () => {
      const name = await job(node, 'st-ok', 'echo fine\n');
      const row = await waitForRow(name, 'finished', 60_000 + STATUS_LAG_MS, finished);
      expect(row).toMatchObject({ state: 'Succeeded', exitCode: 0, node });
      expect((await slurmJob(row.slurmJobId ?? '')).JobState).toBe('COMPLETED');
    });

    it('Failed, with the program’s exit code', async () => {
      const name = await job(node, 'st-exit', 'echo failing\nexit 7\n');
      const row = await waitForRow(name, 'finished', 60_000 + STATUS_LAG_MS, finished);
      expect(row).toMatchObject({ state: 'Failed', exitCode: 7, reason: 'Failed with exit code 7.' });
      // Nothing in its log says more than the exit code does.
      expect(await diagnosisOf(name)).toBeNull();
    });

    it('TimedOut, when Slurm ends the job at --time=1', async () => {
      const name = await job(node, 'st-time', 'sleep 600\n', '--job-name=st-time --time=1 --cpus-per-task=1 --mem=100M');
      const row = await waitForRow(name, 'finished', 120_000 + STATUS_LAG_MS, finished);
      expect(row.state).toBe('TimedOut');
      expect(row.reason).toBe('Timed out: Slurm stopped the job at its time limit (--time).');
      expect((await slurmJob(row.slurmJobId ?? '')).JobState).toBe('TIMEOUT');
      // slurmstepd writes "*** JOB n ON labnode CANCELLED AT … DUE TO TIME LIMIT ***" into job.out.
      expect(await diagnosisOf(name)).toMatchObject({
        kind: 'time-limit',
        sentence: expect.stringMatching(new RegExp(`^Slurm cancelled job ${row.slurmJobId} on labnode `)),
      });
    });

    it('OutOfMemory, when the job exceeds --mem (the lab enforces it with cgroups where it can)', async (ctx) => {
      if (!(await slurmEnforcesMemory())) {
        ctx.skip(true, "this machine offers no writable cgroup v1 memory controller, so the lab's Slurm cannot enforce --mem");
      }
      const name = await job(
        node,
        'st-oom',
        '{ head -c 600M /dev/zero; sleep 10; } | tail >/dev/null\n',
        '--job-name=st-oom --time=00:05:00 --cpus-per-task=1 --mem=50M',
      );
      const row = await waitForRow(name, 'finished', 60_000 + STATUS_LAG_MS, finished);
      expect(row.state).toBe('OutOfMemory');
      expect(row.reason).toMatch(/^Out of memory: /);
      expect((await slurmJob(row.slurmJobId ?? '')).JobState).toBe('OUT_OF_MEMORY');
      expect(await diagnosisOf(name)).toMatchObject({ kind: 'out-of-memory' });
    });

    it('Cancelled from Offload, and Slurm CANCELLED', async () => {
      const name = await job(node, 'st-cancel', 'sleep 600\n', '--job-name=st-cancel --time=00:10:00 --cpus-per-task=1 --mem=100M');
      // Slurm says when it runs: the row's state may lag it (STATUS_LAG_MS) beside the time-limit job.
      const running = await waitForRow(name, 'a Slurm job id', 60_000, (r) => r.slurmJobId !== null);
      await waitFor('Slurm RUNNING', 60_000, async () =>
        (await slurmJob(running.slurmJobId ?? '')).JobState === 'RUNNING' ? true : undefined,
      );
      const response = await fetch(`${server().url}/api/jobs/alice/${name}/cancel`, { method: 'POST', headers: alice });
      expect(response.status).toBe(200);
      const row = await waitForRow(name, 'cancelled', 90_000, (r) => r.state === 'Cancelled' && !r.reason.startsWith('Cancelling'));
      expect(row.slurmJobId).toBe(running.slurmJobId);
      await waitFor('Slurm CANCELLED', 60_000, async () =>
        (await slurmJob(running.slurmJobId ?? '')).JobState === 'CANCELLED' ? true : undefined,
      );
    });

    it('SubmissionFailed, when sbatch refuses a flag, in sbatch’s own words', async () => {
      const name = await job(
        node,
        'st-refused',
        'echo never\n',
        '--job-name=st-refused --time=00:05:00 --partition=nosuchpartition --cpus-per-task=1 --mem=100M',
      );
      const row = await waitForRow(name, 'finished', 60_000 + STATUS_LAG_MS, finished);
      expect(row.state).toBe('SubmissionFailed');
      expect(row.reason).toBe(
        'Submission to the HPC cluster failed: sbatch: invalid partition specified: ' +
          'nosuchpartition; Batch job submission failed: Invalid partition name specified',
      );
      expect(row.slurmJobId).toBeNull();
    });
  });

  it('WaitingForNode, while the node’s plugin is stopped', async () => {
    await labComponent('stop', `${node}-plugin`);
    try {
      await waitFor(`${node} NotReady`, 90_000, async () => {
        const out = await kubectlOk('admin', ['get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
        return out.trim() === 'False' ? true : undefined;
      });
      const name = await job(node, 'st-wait', 'echo later\n');
      const row = await waitForRow(
        name,
        'waiting with a reason',
        90_000,
        (r) => r.state === 'WaitingForNode' && /taint|not ready/.test(r.reason),
      );
      expect(row.reason).toMatch(new RegExp(`^Waiting for a node: ${node} `));
    } finally {
      await labComponent('start', `${node}-plugin`);
    }
    await waitFor(`${node} Ready again`, 90_000, async () => {
      const out = await kubectlOk('admin', ['get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
      return out.trim() === 'True' ? true : undefined;
    });
  });
});
