import { expect, test } from '@playwright/test';

import { slurmJob } from '../scripts/lib/lab-commands.ts';

import { expectAccessible, removeService } from './support';

// The heart of the product, in the browser: a researcher makes the hello-HPC service,
// presses Run, and follows the job — its row appears at once on an open job list, carries
// the Slurm job id Slurm itself reports, and the detail page follows the log live to the
// end, including an environment value that travelled Base64-encoded.

const name = `e2e-hello-${Date.now().toString(36)}`;
const GREETING = `Hi "there" it's $HOME`;

test.afterAll(async () => {
  await removeService(name);
});

test('runs the hello-HPC service on vega-vk and follows it to Succeeded', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/services');
  await page.getByLabel('Namespace for new services').fill('alice');
  await page.getByRole('link', { name: 'New from template: Hello HPC' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Target').selectOption('vega-vk');
  await page.getByLabel('variable 1 value').fill(GREETING);
  // Long enough to be seen running.
  await page.getByTestId('script-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('sleep 12\necho finished\n');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(`/services/alice/${name}`);

  // A second tab holds the job list open, to see the row arrive live.
  const list = await context.newPage();
  await list.goto('/jobs');
  await expect(list.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await list.getByRole('searchbox', { name: 'Search' }).fill(name);

  await page.getByRole('button', { name: 'Run now' }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/alice/${name}-`));
  const jobName = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  expect(jobName.startsWith(`${name}-`)).toBe(true);

  const row = list.getByTestId(`job-row-alice-${jobName}`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toHaveAttribute('data-state', /^(WaitingForNode|Queued|Running)$/);
  await expect(row).toHaveAttribute('data-state', 'Running', { timeout: 90_000 });
  const slurmId = ((await row.getByTestId('slurm-id').textContent()) ?? '').trim();
  expect(slurmId).toMatch(/^\d+$/);
  expect((await slurmJob(slurmId)).JobState).toMatch(/RUNNING|COMPLETING|COMPLETED/);

  const log = page.getByTestId('log-lines');
  await expect(log).toContainText(`${GREETING} from`, { timeout: 60_000 });
  await expect(log).toContainText('finished', { timeout: 60_000 });
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Succeeded', { timeout: 60_000 });
  await expect(page.getByTestId('detail-slurm-id')).toHaveText(slurmId);
  await expect(row).toHaveAttribute('data-state', 'Succeeded', { timeout: 30_000 });
  expect((await slurmJob(slurmId)).JobState).toBe('COMPLETED');
  await expectAccessible(page);
});
