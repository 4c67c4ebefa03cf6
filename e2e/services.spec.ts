import { expect, test, type Page } from '@playwright/test';

import { expectAccessible, removeService } from './support';

// The service composer, as a researcher uses it: a service from the 3DGAN template with
// awkward environment values survives a save and a reload, leaves as an OSCAR FDL, and
// comes back identical when that FDL is imported after the service was deleted.

test.describe.configure({ mode: 'serial' });

const name = `e2e-3dgan-${Date.now().toString(36)}`;
const VALUES: ReadonlyArray<readonly [string, string]> = [
  ['QUOTES', `it's "quoted"`],
  ['HOME_REF', '$HOME/data and ${USER}'],
  ['MULTI_LINE', 'first line\nsecond line'],
  ['EMOJI', 'ready 🚀 ünï'],
];

test.afterAll(async () => {
  await removeService(name);
});

async function storedService(page: Page): Promise<Record<string, unknown>> {
  const response = await page.request.get(`/api/services/alice/${name}`);
  expect(response.status()).toBe(200);
  const { resourceVersion: _ignored, ...service } = (await response.json()) as Record<string, unknown>;
  return service;
}

async function expectValues(page: Page) {
  // Row 1 is the template's PIPELINE_CONFIG.
  for (const [i, [key, value]] of VALUES.entries()) {
    await expect(page.getByLabel(`variable ${i + 2} name`)).toHaveValue(key);
    await expect(page.getByLabel(`variable ${i + 2} value`)).toHaveValue(value);
  }
}

test('composes, exports, deletes and re-imports the same service', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/services');
  await page.getByLabel('Namespace for new services').fill('alice');
  await page.getByRole('link', { name: 'New from template: itwinai 3DGAN inference (GPU)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New service' })).toBeVisible();
  await expect(page.getByTestId('script-editor')).toContainText('itwinai exec-pipeline');

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Target').selectOption('vega-vk');
  await expect(page.getByTestId('offloaded-note')).toContainText('do not reach the Slurm job');
  for (const [i, [key, value]] of VALUES.entries()) {
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel(`variable ${i + 2} name`).fill(key);
    await page.getByLabel(`variable ${i + 2} value`).fill(value);
  }
  // Same words as the server: a bad name is refused beside its field before anything is sent.
  await page.getByLabel('variable 2 name').fill('2BAD');
  await expect(page.getByTestId('rows-env')).toContainText("'2BAD' is not a POSIX variable name");
  await page.getByLabel('variable 2 name').fill('QUOTES');
  await expect(page.getByTestId('preview-sbatch')).toContainText('#SBATCH --partition=gpu');
  await expectAccessible(page);

  // Leaving with unsaved changes asks first; declining keeps everything.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('link', { name: 'Nodes' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(`/services/alice/${name}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expectValues(page);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('composer.png'), fullPage: true });
  const saved = await storedService(page);

  const yamlDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export FDL' }).click();
  const yamlPath = testInfo.outputPath(`${name}.yaml`);
  await (await yamlDownload).saveAs(yamlPath);
  const scriptDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Download script/ }).click();
  const script = await scriptDownload;
  const scriptPath = testInfo.outputPath(script.suggestedFilename());
  await script.saveAs(scriptPath);

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText(`Delete ${name}?`);
  await page.getByRole('button', { name: 'Delete service' }).click();
  await expect(page).toHaveURL('/services');
  expect((await page.request.get(`/api/services/alice/${name}`)).status()).toBe(404);

  await page.getByLabel('Namespace for new services').fill('alice');
  await page.getByTestId('import-fdl').setInputFiles([yamlPath, scriptPath]);
  await expect(page).toHaveURL('/services/new?from=import');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expectValues(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(`/services/alice/${name}`);
  expect(await storedService(page)).toEqual(saved);
});

test('is usable from the keyboard', async ({ page }) => {
  await page.goto('/services/new?namespace=alice&template=hello-hpc');
  await page.getByLabel('Image').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Target')).toBeFocused();
  // The script editor does not trap Tab.
  await page.getByTestId('script-editor').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('script-editor')).not.toBeFocused();
  // Rows are added and filled without a mouse.
  await page.getByRole('button', { name: 'Add variable' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('variable 2 name')).toBeVisible();
  await page.getByLabel('variable 2 name').focus();
  await page.keyboard.type('FROM_KEYBOARD');
  await expect(page.getByTestId('preview-job')).toHaveCount(0);
  await page.getByRole('button', { name: 'Kubernetes Job' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('preview-job')).toContainText('OFFLOAD_B64_FROM_KEYBOARD');
});
