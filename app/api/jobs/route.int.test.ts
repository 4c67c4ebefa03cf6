import { afterAll, describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { JobDetailResponseSchema } from '@/lib/api/job-detail';
import { JobsResponseSchema, type JobViewDto } from '@/lib/api/jobs';
import type { StreamMessage } from '@/lib/api/watch-events';
import { slurmJob, waitFor } from '../../../scripts/lib/lab-commands.ts';
import { userToken } from '../../../scripts/lib/lab.ts';
import { createNormalNodeJob, createOscarJob, removeJobs } from '../../../scripts/lib/lab-jobs.ts';
import { connectSse, type SseConnection } from '../../../scripts/lib/sse-client.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// GET /api/jobs and /api/jobs/{ns}/{name} against the lab: real Jobs created as alice with
// kubectl, run by real Slurm behind the released interLink, followed live over SSE.

const server = withOffloadServer();
const alice = { Authorization: `Bearer ${userToken('alice')}` };
const created: string[] = [];
const open: SseConnection[] = [];
afterAll(async () => {
  open.forEach((c) => c.close());
  await removeJobs(created);
});

async function listJobs(query = '', headers: Record<string, string> = alice) {
  const response = await fetch(`${server().url}/api/jobs${query}`, { headers });
  return { response, body: response.ok ? JobsResponseSchema.parse(await response.json()) : null };
}

async function detailOf(name: string) {
  return JobDetailResponseSchema.parse(await (await fetch(`${server().url}/api/jobs/alice/${name}`, { headers: alice })).json());
}

async function rowOf(name: string): Promise<JobViewDto | undefined> {
  const { body } = await listJobs(`?namespace=alice&q=${name}&limit=0`);
  return body?.jobs.find((j) => j.name === name);
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = ApiErrorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

describe('GET /api/jobs', () => {
  it('follows an OSCAR-shaped kubectl job live to Succeeded, with the Slurm id scontrol reports', async () => {
    const sse = await connectSse(`${server().url}/api/events?kinds=job`, alice);
    open.push(sse);
    expect(sse.status).toBe(200);
    await sse.next((m) => m.data.includes('"SNAPSHOT"'));
    const name = await createOscarJob({
      prefix: 'api-oscar',
      script: 'echo "decoded=$(echo "$GREETING_B64" | base64 -d)"\nsleep 6\necho done\n',
      env: { GREETING_B64: Buffer.from('hello from the jobs API').toString('base64') },
    });
    created.push(name);
    const states: string[] = [];
    let last: JobViewDto | undefined;
    while (last?.state !== 'Succeeded') {
      const m = await sse.next((x) => x.data.includes(`"job:alice/${name}"`), 120_000);
      last = (JSON.parse(m.data) as StreamMessage<JobViewDto> & { object: JobViewDto }).object;
      states.push(last.state);
    }
    expect(states.some((s) => s === 'Queued' || s === 'Running')).toBe(true);
    expect(last).toMatchObject({ origin: 'oscar', service: name, offloaded: true, node: 'vega-vk', exitCode: 0 });
    expect(last.slurmJobId).toMatch(/^\d+$/);
    const slurm = await slurmJob(last.slurmJobId ?? '');
    expect(slurm.JobId).toBe(last.slurmJobId);
    expect(slurm.JobState).toBe('COMPLETED');

    const listed = await rowOf(name);
    expect(listed).toMatchObject({ state: 'Succeeded', slurmJobId: last.slurmJobId });
    for (const field of [
      'namespace',
      'name',
      'service',
      'node',
      'state',
      'reason',
      'slurmJobId',
      'exitCode',
      'submittedAt',
      'startedAt',
      'finishedAt',
    ]) {
      expect(listed).toHaveProperty(field);
    }

    const detail = await detailOf(name);
    expect(detail.detail.timeline.map((t) => t.done)).toEqual([true, true, true, true, true]);
    // The virtual kubelet's PodScheduled condition has no time; the scheduler's event has one.
    expect(detail.detail.timeline[1]?.at).not.toBeNull();
    expect(detail.detail.conditions.filter((c) => c.of === 'Pod' && c.type === 'Ready')).toHaveLength(1);
    expect(detail.diagnosis).toBeNull();
    expect(detail.detail.timeline[2]?.label).toBe(`Submitted to Slurm as job ${last.slurmJobId}`);
    expect(detail.detail.slurmAnnotations).toContainEqual({
      key: 'slurm-job.vk.io/flags',
      value: expect.stringContaining('--time=00:05:00'),
    });
    expect(detail.detail.containers[0]).toMatchObject({ name: 'main', state: 'terminated', exitCode: 0 });

    // The log outlives the job, for as long as the pod does.
    const log = await fetch(`${server().url}/api/jobs/alice/${name}/logs`, { headers: alice });
    expect(log.headers.get('content-type')).toContain('text/plain');
    const text = await log.text();
    expect(text).toContain('decoded=hello from the jobs API');
    expect(text).toContain('done');
  });

  // Every state on both plugin releases, with the diagnoses Slurm leaves in the log: states.int.test.ts.
  describe.concurrent('more jobs', () => {
    it('a job whose command does not exist is Failed with exit code 127, and the detail names the command', async () => {
      const name = await createOscarJob({ prefix: 'api-notfound', script: 'echo before\nno-such-command-xyz --flag\n' });
      created.push(name);
      const row = await waitFor(`${name} finished`, 120_000, async () => {
        const r = await rowOf(name);
        return r !== undefined && ['Failed', 'Succeeded'].includes(r.state) ? r : undefined;
      });
      expect(row).toMatchObject({ state: 'Failed', exitCode: 127 });
      // dash, the lab's /bin/sh: "/oscar/config/script.sh: 1: no-such-command-xyz: not found"
      expect((await detailOf(name)).diagnosis).toEqual({
        kind: 'command-not-found',
        sentence: 'The command no-such-command-xyz was not found in the container (exit code 127).',
        evidence: expect.stringContaining('no-such-command-xyz: not found'),
      });
    });

    it('a job Offload built for an ordinary node runs on worker-1 and is listed as not offloaded', async () => {
      const name = await createNormalNodeJob('api-normal');
      created.push(name);
      const row = await waitFor(`${name} on worker-1`, 60_000, async () => {
        const r = await rowOf(name);
        return r?.node === 'worker-1' ? r : undefined;
      });
      expect(row).toMatchObject({ offloaded: false, origin: 'offload' });
    });
  });

  it("answers alice's token asking for namespace bob with 403 JSON", async () => {
    const { response } = await listJobs('?namespace=bob');
    const error = await expectError(response, 403, 'forbidden');
    expect(error.message).toContain('namespace bob');
  });

  it('gives alice, without a namespace, exactly her own jobs and not an error', async () => {
    const { response, body } = await listJobs('?limit=0');
    expect(response.status).toBe(200);
    expect(body?.jobs.length).toBeGreaterThan(0);
    expect(new Set(body?.jobs.map((j) => j.namespace))).toEqual(new Set(['alice']));
    const all = await listJobs('?limit=0', { Authorization: `Bearer ${userToken('admin')}` });
    expect(all.body?.total).toBeGreaterThanOrEqual(body?.total ?? 0);
  });

  it('refuses an invalid query with 422 naming the field', async () => {
    const limit = await expectError((await listJobs('?limit=-1')).response, 422, 'invalid');
    expect(limit.field).toBe('limit');
    const sort = await expectError((await listJobs('?sort=colour')).response, 422, 'invalid');
    expect(sort.field).toBe('sort');
  });

  it('answers 404 for a job that does not exist, and 403 for one in a namespace alice may not read', async () => {
    await expectError(await fetch(`${server().url}/api/jobs/alice/no-such-job`, { headers: alice }), 404, 'not_found');
    await expectError(await fetch(`${server().url}/api/jobs/bob/anything`, { headers: alice }), 403, 'forbidden');
  });
});
