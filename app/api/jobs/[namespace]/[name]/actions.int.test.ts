import { afterAll, describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { CancelResponseSchema } from '@/lib/api/job-detail';
import { JobsResponseSchema, type JobViewDto } from '@/lib/api/jobs';
import { kubectl, slurmJob, waitFor } from '../../../../../scripts/lib/lab-commands.ts';
import { userToken } from '../../../../../scripts/lib/lab.ts';
import { createOscarJob, removeJobs } from '../../../../../scripts/lib/lab-jobs.ts';
import { withOffloadServer } from '../../../../../scripts/lib/vitest-server.ts';

// Logs, cancel and delete of one job against the lab, as alice: the API server decides
// with her own token, and Slurm shows the effect.

const server = withOffloadServer();
const alice = { Authorization: `Bearer ${userToken('alice')}` };
const created: string[] = [];
afterAll(() => removeJobs(created));

const url = (path: string) => `${server().url}/api/jobs/${path}`;

async function rowOf(name: string): Promise<JobViewDto | undefined> {
  const response = await fetch(`${server().url}/api/jobs?namespace=alice&q=${name}&limit=0`, { headers: alice });
  return JobsResponseSchema.parse(await response.json()).jobs.find((j) => j.name === name);
}

function waitForRow(name: string, what: string, ms: number, ok: (r: JobViewDto) => boolean): Promise<JobViewDto> {
  return waitFor(`${name}: ${what}`, ms, async () => {
    const r = await rowOf(name);
    return r !== undefined && ok(r) ? r : undefined;
  });
}

async function expectError(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  const body = ApiErrorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  if (field !== undefined) expect(body.error.field).toBe(field);
}

describe('job logs', () => {
  it('follows a running job and the stream closes when the job ends', async () => {
    const name = await createOscarJob({
      prefix: 'api-follow',
      script: 'for i in 1 2 3 4 5 6; do echo "tick $i"; sleep 2; done\necho finished\n',
    });
    created.push(name);
    await waitForRow(name, 'running', 90_000, (r) => r.state === 'Running');
    const started = Date.now();
    const response = await fetch(url(`alice/${name}/logs?follow=true`), { headers: alice });
    expect(response.status).toBe(200);
    const text = await response.text(); // resolves only when the server ends the stream
    expect(text).toContain('finished');
    expect(Date.now() - started).toBeLessThan(90_000);
    const row = await waitForRow(name, 'finished', 30_000, (r) => r.state === 'Succeeded');
    expect(row.exitCode).toBe(0);
  });

  it('refuses parameters the API server would refuse together, naming the field', async () => {
    await expectError(await fetch(url('alice/x/logs?tailLines=5&limitBytes=10'), { headers: alice }), 422, 'invalid', 'limitBytes');
    await expectError(
      await fetch(url('alice/x/logs?sinceSeconds=5&sinceTime=2025-01-01T00:00:00Z'), { headers: alice }),
      422,
      'invalid',
      'sinceTime',
    );
    await expectError(await fetch(url('alice/x/logs?follow=maybe'), { headers: alice }), 422, 'invalid', 'follow');
  });
});

describe('cancel and delete', () => {
  it('cancels a running job: suspended, recorded, listed as Cancelled, and Slurm shows CANCELLED', async () => {
    const name = await createOscarJob({
      prefix: 'api-cancel',
      flags: '--job-name=api-cancel --time=00:10:00 --cpus-per-task=1 --mem=100M',
      script: 'sleep 600\n',
    });
    created.push(name);
    const running = await waitForRow(name, 'running with a Slurm id', 90_000, (r) => r.state === 'Running' && r.slurmJobId !== null);
    const response = await fetch(url(`alice/${name}/cancel`), { method: 'POST', headers: alice });
    expect(response.status).toBe(200);
    const body = CancelResponseSchema.parse(await response.json());
    expect(body.cancelledBy).toBe('alice');
    const job = JSON.parse((await kubectl('alice', ['-n', 'alice', 'get', 'job', name, '-o', 'json'])).stdout) as {
      spec: { suspend: boolean };
      metadata: { annotations: Record<string, string> };
    };
    expect(job.spec.suspend).toBe(true);
    expect(job.metadata.annotations['offload.io/cancelled-by']).toBe('alice');
    expect(job.metadata.annotations['offload.io/cancelled-at']).toBe(body.cancelledAt);
    await waitFor('Slurm CANCELLED', 90_000, async () =>
      (await slurmJob(running.slurmJobId ?? '')).JobState === 'CANCELLED' ? true : undefined,
    );
    const row = await waitForRow(name, 'Cancelled', 120_000, (r) => r.state === 'Cancelled' && r.reason.startsWith('Cancelled:'));
    // The pod is gone; the Slurm job id recorded on the Job at cancel time remains.
    expect(row.slurmJobId).toBe(running.slurmJobId);
    // Cancelling what has finished says so.
    await expectError(await fetch(url(`alice/${name}/cancel`), { method: 'POST', headers: alice }), 409, 'conflict');
  });

  it('deletes a job with its pod', async () => {
    const name = await createOscarJob({ prefix: 'api-delete', script: 'echo bye\n' });
    created.push(name);
    await waitForRow(name, 'listed', 60_000, () => true);
    const response = await fetch(url(`alice/${name}`), { method: 'DELETE', headers: alice });
    expect(response.status).toBe(200);
    await waitFor(`${name} gone from the list`, 60_000, async () => ((await rowOf(name)) === undefined ? true : undefined));
    await waitFor('its pod gone', 60_000, async () => {
      const pods = await kubectl('alice', ['-n', 'alice', 'get', 'pods', '-l', `job-name=${name}`, '-o', 'name']);
      return pods.stdout.trim() === '' ? true : undefined;
    });
  });

  it("refuses alice's cancel and delete in bob's namespace with 403", async () => {
    await expectError(await fetch(url('bob/some-job/cancel'), { method: 'POST', headers: alice }), 403, 'forbidden');
    await expectError(await fetch(url('bob/some-job'), { method: 'DELETE', headers: alice }), 403, 'forbidden');
  });
});
