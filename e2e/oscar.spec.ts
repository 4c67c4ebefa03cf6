import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { uniqueName, waitFor } from '../scripts/lib/lab-commands.ts';
import { createOscarJob, removeJobs } from '../scripts/lib/lab-jobs';

import { BASE_URL, ROOT, api, removeService, expectAccessible } from './support';

// The job page says which client created a job: one run through Offload's OSCAR API (as
// oscar-cli runs it), one shaped as OSCAR shapes its jobs and created with kubectl.

const service = uniqueName('e2e-oscar-api');
const created: string[] = [];
const aliceToken = readFileSync(path.join(ROOT, '.lab', 'users', 'alice.token'), 'utf8').trim();
const alice = `Basic ${Buffer.from(`alice:${aliceToken}`).toString('base64')}`;

test.afterAll(async () => {
  await removeJobs(created);
  await removeService(service);
});

test('the job page names the client that created the job', async ({ page }) => {
  test.setTimeout(180_000);
  const definition = {
    name: service,
    image: 'docker://alpine:3.20',
    script: 'echo hi\n',
    interlink_node_name: 'vega-vk',
    annotations: { 'slurm-job.vk.io/flags': '--time=00:05:00' },
  };
  const oscar = (method: string, p: string, body: string) =>
    fetch(`${BASE_URL}/oscar/${p}`, { method, headers: { Authorization: alice }, body });
  expect((await oscar('POST', 'system/services', JSON.stringify(definition))).status).toBe(201);
  expect((await oscar('POST', `job/${service}`, Buffer.from('input').toString('base64'))).status).toBe(201);
  const viaApi = await waitFor('the job of the OSCAR API', 30_000, async () => {
    const answer = (await (await api('alice', 'GET', `/api/jobs?namespace=alice&service=${service}`)).json()) as {
      jobs: Array<{ name: string }>;
    };
    return answer.jobs[0]?.name;
  });
  created.push(viaApi);
  const byOscar = await createOscarJob({ prefix: 'e2e-oscar-made', script: 'echo hi\n' });
  created.push(byOscar);

  await page.goto(`/jobs/alice/${viaApi}`);
  await expect(page.getByTestId('detail-created-by')).toHaveText("Offload's OSCAR API (oscar-cli or another OSCAR client)");
  await expectAccessible(page);
  await page.goto(`/jobs/alice/${byOscar}`);
  await expect(page.getByTestId('detail-created-by')).toHaveText('OSCAR');
});
