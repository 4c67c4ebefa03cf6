import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { slurmJob, waitFor } from '../scripts/lib/lab-commands.ts';
import { createOscarJob, removeJobs } from '../scripts/lib/lab-jobs';

import { ADMIN_STATE, BASE_URL, ROOT, api, expectAccessible } from './support';

// The jobs journeys against the lab: Jobs created with kubectl as alice (shaped as OSCAR
// shapes them) appear on the open page without a reload, run in real Slurm, and their logs
// follow live; cancelling from the page cancels the Slurm job.

test.describe.configure({ mode: 'serial' });

const created: string[] = [];
test.afterAll(async () => {
  await removeJobs(created);
});

async function oscarJob(
  prefix: string,
  script: string,
  extra: { flags?: string; env?: Record<string, string>; mounts?: string } = {},
): Promise<string> {
  const name = await createOscarJob({ prefix, script, ...extra });
  created.push(name);
  return name;
}

const row = (page: Page, name: string) => page.getByTestId(`job-row-alice-${name}`);

test('a kubectl job shows up live, runs to Succeeded, and its log follows live', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/jobs');
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await page.evaluate(() => ((window as unknown as { offloadMarker: number }).offloadMarker = 1));

  // Long enough that the log is still followed when the page opens it: a job that ends in Slurm
  // first shows "reconnecting" until the virtual node reports the end (up to 10 s late; seen in CI).
  const name = await oscarJob(
    'e2e-oscar',
    'echo "decoded=$(echo "$MESSAGE_B64" | base64 -d)"\nfor i in 1 2 3 4 5 6 7 8 9 10; do echo "step $i"; sleep 3; done\necho all-done\n',
    {
      env: { MESSAGE_B64: Buffer.from('hello from the browser journey').toString('base64') },
    },
  );
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect(row(page, name)).toHaveAttribute('data-state', /^(WaitingForNode|Queued|Running)$/, { timeout: 60_000 });
  await expect(row(page, name)).toHaveAttribute('data-state', 'Running', { timeout: 90_000 });
  await expectAccessible(page);
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot-jobs.png'), fullPage: true });

  await row(page, name).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const log = page.getByTestId('log-lines');
  await expect(log).toContainText('decoded=hello from the browser journey', { timeout: 30_000 });
  await expect(page.getByTestId('log-status')).toHaveText(/Following the log live/);
  await expect(log).toContainText('all-done', { timeout: 60_000 });
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Succeeded', { timeout: 60_000 });
  // The plugin's own lines (job.sh's progress, bash's time report) are hidden until asked for.
  await expect(page.getByTestId('log-viewer')).toHaveAttribute('data-status', 'ended', { timeout: 30_000 });
  const wrapper = page.getByTestId('log-plugin-toggle');
  await expect(wrapper).toHaveText(/^Show [\d,]+ interLink lines?$/);
  await expect(log.locator('[data-kind="plugin"]')).toHaveCount(0);
  await expect(log).not.toContainText('has been submitted to SLURM node');
  await wrapper.click();
  await expect(wrapper).toHaveAttribute('aria-pressed', 'true');
  await expect(wrapper).toHaveText(/^Hide [\d,]+ interLink lines?$/);
  await expect(log.locator('[data-kind="plugin"]').first()).toBeVisible();
  await expect(log).toContainText('has been submitted to SLURM node');
  await expect(log).toContainText('decoded=hello from the browser journey');
  await wrapper.click();
  const slurmId = (await page.getByTestId('detail-slurm-id').textContent()) ?? '';
  expect((await slurmJob(slurmId)).JobState).toBe('COMPLETED');
  await expect(page.getByTestId('job-timeline').locator('[data-done="true"]')).toHaveCount(5);
  await expectAccessible(page);
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot-job.png'), fullPage: true });

  await page.getByRole('link', { name: '← All jobs' }).click();
  await expect(row(page, name).getByTestId('slurm-id')).toHaveText(slurmId);
  await expect(row(page, name)).toHaveAttribute('data-state', 'Succeeded');
  // Client-side navigation all along: the page was never reloaded.
  expect(await page.evaluate(() => (window as unknown as { offloadMarker?: number }).offloadMarker)).toBe(1);
});

test('cancelling from the page suspends the job and Slurm cancels it', async ({ page }) => {
  test.setTimeout(180_000);
  const name = await oscarJob('e2e-cancel', 'echo started\nsleep 600\n', {
    flags: '--job-name=e2e-cancel --time=00:10:00 --cpus-per-task=1 --mem=100M',
  });
  await page.goto(`/jobs/alice/${name}`);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Running', { timeout: 90_000 });
  await expect(page.getByTestId('detail-slurm-id')).toHaveText(/^\d+$/);
  const slurmId = (await page.getByTestId('detail-slurm-id').textContent()) ?? '';
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel ${name}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel the job' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Cancelled', { timeout: 60_000 });
  await expect(page.getByText('Cancelled by')).toBeVisible();
  await waitFor('Slurm CANCELLED', 60_000, async () => ((await slurmJob(slurmId)).JobState === 'CANCELLED' ? true : undefined));
});

test('the newest jobs come with the HTML: rows show with scripts off, and the page hydrates without a mismatch', async ({
  browser,
  page,
}) => {
  const name = await oscarJob('e2e-ssr', 'sleep 20\n');
  await waitFor(`${name} listed`, 30_000, async () => {
    const r = await api('admin', 'GET', `/api/jobs?q=${name}`);
    return r.ok && ((await r.json()) as { total: number }).total === 1 ? true : undefined;
  });
  // No script runs here: whatever shows is the server's HTML.
  const bare = await browser.newContext({ javaScriptEnabled: false, storageState: ADMIN_STATE, baseURL: BASE_URL });
  try {
    const html = await bare.newPage();
    await html.goto('/jobs');
    await expect(row(html, name)).toBeVisible();
    await expect(row(html, name)).toHaveAttribute('data-state', /^(WaitingForNode|Queued|Running|Succeeded)$/);
    await expect(html.getByTestId('jobs-count')).toHaveText(/^([\d,]+ jobs?|The newest [\d,]+ of [\d,]+ jobs?; loading the rest…)$/);
  } finally {
    await bare.close();
  }
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/jobs');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await expect(row(page, name)).toBeVisible();
  expect(problems.filter((p) => /hydrat|did not match/i.test(p))).toEqual([]);
});

test('the job list is usable from the keyboard', async ({ page }) => {
  await page.goto('/jobs');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.focus();
  await page.keyboard.type('e2e-oscar');
  await expect(page.getByTestId('jobs-count')).toHaveText(/^[\d,]+ of [\d,]+ jobs?$/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'State' })).toBeFocused();
  await page.keyboard.press('ArrowDown'); // WaitingForNode… the first state: the list narrows
  const nameHeader = page.getByRole('columnheader', { name: 'Job', exact: true });
  await nameHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expectAccessible(page);
});

test('a 50 MB log downloads completely while the page shows only a window of it', async ({ page }) => {
  test.setTimeout(300_000);
  const bytes = 50 * 1024 * 1024;
  // 64-byte lines, written at once by the job on the HPC side.
  const name = await oscarJob('e2e-biglog', `yes '${'x'.repeat(63)}' | head -c ${bytes}\n`, {
    flags: '--job-name=e2e-biglog --time=00:05:00 --cpus-per-task=1 --mem=200M',
  });
  await page.goto(`/jobs/alice/${name}`);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Succeeded', { timeout: 120_000 });
  await expect(page.getByTestId('log-viewer')).toHaveAttribute('data-status', 'ended', { timeout: 120_000 });
  // Only the lines in view are in the DOM, however long the log.
  expect(await page.getByTestId('log-lines').locator('[data-index]').count()).toBeLessThan(200);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('log-download').click()]);
  const file = test.info().outputPath('big.log');
  await download.saveAs(file);
  // The plugin puts the batch script's own output first; the job's 50 MB follow it. The
  // download is the whole log as the cluster sends it: the wrapper lines the page hides are in it.
  expect(statSync(file).size).toBeGreaterThanOrEqual(bytes);
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  expect(head.toString('utf8')).toContain('has been submitted to SLURM node');
});

test('a job whose bind source is missing on the HPC side fails, and the page says which mount', async ({ page }) => {
  test.setTimeout(180_000);
  const name = await oscarJob('e2e-nobind', 'ls /exp_data\n', { mounts: '--bind /shared/e2e-no-such-dir:/exp_data' });
  await page.goto(`/jobs/alice/${name}`);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Failed', { timeout: 120_000 });
  await expect(page.getByTestId('job-reason')).toHaveText(/^Failed with exit code \d+/);
  // The lab's runtime (bubblewrap) says "Can't find source path"; the page names the mount.
  const diagnosis = page.getByTestId('job-diagnosis');
  await expect(diagnosis).toHaveAttribute('data-kind', 'bind-source', { timeout: 30_000 });
  await expect(diagnosis).toContainText(
    'The HPC side has no /shared/e2e-no-such-dir: the bind mount --bind /shared/e2e-no-such-dir:/exp_data cannot be made there.',
  );
  await expect(page.getByTestId('log-lines').locator('[data-kind="runtime-error"]').first()).toContainText(
    "Can't find source path /shared/e2e-no-such-dir",
  );
  await expectAccessible(page);
});

test('following a writer of 1,000 lines per second keeps the page responsive', async ({ page }) => {
  test.setTimeout(240_000);
  const script = 'i=0\nwhile [ $i -lt 60 ]; do seq 1 1000 | sed "s/^/burst $i line /"; i=$((i+1)); sleep 1; done\n';
  const name = await oscarJob('e2e-fast', script, { flags: '--job-name=e2e-fast --time=00:05:00 --cpus-per-task=1 --mem=100M' });
  await page.goto(`/jobs/alice/${name}`);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'Running', { timeout: 90_000 });
  const log = page.getByTestId('log-lines');
  await expect(log).toContainText('burst', { timeout: 30_000 });
  // While lines pour in, a click must be handled and painted within 200 ms, every time.
  const worst = await page.evaluate(async () => {
    const box = [...document.querySelectorAll('label')].find((l) => l.textContent?.includes('Wrap lines'))?.querySelector('input');
    if (!box) throw new Error('no wrap checkbox');
    let max = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      box.click();
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      max = Math.max(max, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 500));
    }
    return max;
  });
  console.log(`worst click-to-paint while following: ${Math.round(worst)} ms`);
  expect(worst).toBeLessThan(200);
  await expect(log).toContainText(/burst [1-9]\d* line/);
  const pause = page.getByTestId('log-pause');
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await pause.click();
  await expect(page.getByTestId('log-status')).toHaveText(/Following the log live/);
});
