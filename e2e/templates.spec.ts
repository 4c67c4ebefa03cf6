import { expect, test } from '@playwright/test';

import { SERVICE_TEMPLATES } from '../lib/interlink/services/templates';

import { removeService } from './support';

// Every template, run on the lab exactly as shipped, ends the way its page said it would:
// Succeeded, or failed (or refused) with the very sentence the page's warning quoted.

const suffix = Date.now().toString(36);
const made: string[] = [];

test.afterAll(async () => {
  for (const name of made) await removeService(name);
});

const FINAL: Record<string, string> = { succeeds: 'Succeeded', fails: 'Failed', refused: 'SubmissionFailed' };

for (const template of SERVICE_TEMPLATES) {
  test(`${template.title}: ends on the lab as its page says`, async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    const name = `e2e-${template.id}-${suffix}`;
    made.push(name);
    await page.goto('/services');
    const card = page.getByTestId(`template-lab-${template.id}`);
    await expect(card).toHaveAttribute('data-outcome', /^(succeeds|fails|refused)$/);
    const promised = (await card.getAttribute('data-outcome')) ?? '';
    await page.getByLabel('Namespace for new services').fill('alice');
    await page.getByRole('link', { name: `New from template: ${template.title}` }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Target').selectOption('vega-vk');

    // The template's page: what it needs, beside the fields, and what the lab will do with it.
    const needs = page.getByTestId('hpc-needs');
    await expect(needs).toContainText(template.form.image);
    for (const m of template.form.mounts) await expect(needs).toContainText(m.hostPath);
    const verdict = page.getByTestId('lab-verdict');
    await expect(verdict).toHaveAttribute('data-outcome', promised);
    const sentence = promised === 'fails' ? ((await page.getByTestId('lab-verdict-expect').textContent()) ?? '') : '';
    await page.screenshot({ path: testInfo.outputPath('template-page.png'), fullPage: true });

    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(`/services/alice/${name}`);
    await page.getByRole('button', { name: 'Run now' }).click();
    // A job's name is the service's, cut to leave room for its unique suffix.
    await expect(page).toHaveURL(new RegExp(`/jobs/alice/${name.slice(0, 12)}`));
    await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', FINAL[promised] ?? '?', { timeout: 180_000 });
    if (promised === 'fails') await expect(page.getByTestId('job-diagnosis')).toContainText(sentence, { timeout: 30_000 });
  });
}

test('hello-HPC is the template that runs anywhere, the lab included', async ({ page }) => {
  await page.goto('/services');
  await expect(page.getByTestId('template-lab-hello-hpc')).toHaveAttribute('data-outcome', 'succeeds');
});
