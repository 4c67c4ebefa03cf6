import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JobDetailResponseSchema, type JobDetailResponse } from '@/lib/api/job-detail';
import { JobsResponseSchema } from '@/lib/api/jobs';
import { waitFor } from '../../../scripts/lib/lab-commands.ts';
import { removeServiceAccount, serviceAccountWith, userToken } from '../../../scripts/lib/lab.ts';
import { createOscarJob, removeJobs } from '../../../scripts/lib/lab-jobs.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// A job's detail comes from the shared cache like the list's rows: the pod's status and the
// events are shown only to someone who may list them in the namespace, not to whoever may
// get the Job.

const server = withOffloadServer();
const jobs: string[] = [];
const ACCOUNT = 'offload-test-jobs-only';
let jobsOnly = '';

beforeAll(async () => {
  jobsOnly = await serviceAccountWith(ACCOUNT, 'alice', [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] }]);
});

afterAll(async () => {
  await removeJobs(jobs);
  await removeServiceAccount(ACCOUNT, 'alice');
});

async function detail(token: string, name: string): Promise<JobDetailResponse> {
  const r = await fetch(`${server().url}/api/jobs/alice/${name}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(r.status, await r.clone().text()).toBe(200);
  return JobDetailResponseSchema.parse(await r.json());
}

describe('GET /api/jobs/{namespace}/{name}', () => {
  it('shows the pod and the events only to who may list them, saying what it left out', async () => {
    const name = await createOscarJob({ prefix: 'detail-access', script: 'echo hi\n' });
    jobs.push(name);
    const full = await waitFor('alice sees its pod and events', 120_000, async () => {
      const d = await detail(userToken('alice'), name);
      return d.state === 'Succeeded' && d.detail.events.length > 0 && d.detail.containers.length > 0 ? d : undefined;
    });
    expect(full.detail.conditions.some((c) => c.of === 'Pod')).toBe(true);

    // The account may get and list Jobs in alice, nothing else: it sees the row, as in the list.
    const listed = JobsResponseSchema.parse(
      await (
        await fetch(`${server().url}/api/jobs?namespace=alice&q=${name}`, { headers: { Authorization: `Bearer ${jobsOnly}` } })
      ).json(),
    );
    expect(listed.jobs.map((j) => j.name)).toEqual([name]);
    const limited = await detail(jobsOnly, name);
    expect({ state: limited.state, slurmJobId: limited.slurmJobId }).toEqual({ state: full.state, slurmJobId: full.slurmJobId });
    expect(limited.detail.events).toEqual([]);
    expect(limited.detail.containers).toEqual([]);
    expect(limited.detail.conditions.filter((c) => c.of === 'Pod')).toEqual([]);
    expect(full.detail.withheld).toEqual([]);
    expect(limited.detail.withheld).toEqual([
      "The pod's containers and conditions are not shown: you may not list pods in namespace alice.",
      'Events are not shown: you may not list events in namespace alice.',
    ]);
  });
});
