import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { ROOT, expectAccessible, lab } from './support';

// The admin's virtual-node view, live: stopping vega-vk's plugin in the lab turns the node
// NotReady on the open page within interLink's next ping (≤ 30 s) plus at most a second,
// without a reload; starting it brings the node back.
//
// The lab's Slurm plugins (0.6.1 on vega-vk, 0.6.2-pre5 on lumi-vk) answer the ping with the
// text of `sinfo -s` for the lab's Slurm (partitions cpu, the default, and gpu: lab/lib/slurm.sh),
// which the card shows as a table of partitions.

/** The partitions table of a node's card (its caption names the node). */
const partitionsOf = (page: Page, node: string) =>
  page.getByTestId(`node-${node}`).getByRole('table', { name: `Slurm partitions of ${node} (last ping)` });

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  // Whatever happened, leave the lab as we found it.
  await lab('start', 'vega-vk-plugin');
});

test('shows both virtual nodes ready, accessibly', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/nodes');
  await expect(page.getByRole('heading', { level: 1, name: 'Virtual nodes' })).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  // A node can be NotReady for one 30 s ping now and then (interLink 0.6.2's idle close meets the
  // ping: docs/operations.md); CI saw it here once. Wait out one ping cycle.
  for (const name of ['vega-vk', 'lumi-vk'])
    await expect(page.getByTestId(`node-${name}`)).toHaveAttribute('data-healthy', 'true', { timeout: 40_000 });
  await expect(page.getByTestId('nodes-summary')).toHaveText('2 of 2 virtual nodes ready.');
  await expect(page.getByRole('table', { name: 'Ordinary nodes' })).toContainText('worker-1');
  // vega-vk's ping answer, read: one row per partition, the default marked, both up, node
  // counts allocated / idle / other / total. The cells after the row header are state,
  // time limit, node counts and node list.
  const partitions = partitionsOf(page, 'vega-vk');
  await expect(partitions).toBeVisible();
  for (const name of ['cpu (default)', 'gpu']) {
    const row = partitions.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(0)).toHaveText('up');
    await expect(row.getByRole('cell').nth(2)).toHaveText(/^\d+ \/ \d+ \/ \d+ \/ [1-9]\d*$/);
  }
  await expect(partitionsOf(page, 'lumi-vk')).toBeVisible();
  // A healthy node's answer is never called unreadable (the JSON-only reader did so).
  await expect(page.locator('body')).not.toContainText(/unreadable/i);
  await expectAccessible(page);
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot-nodes.png'), fullPage: true });
  // The dark theme follows the system setting; it must be as readable.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).not.toBe(light);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('nodes-dark.png'), fullPage: true });
});

test('fits a laptop and a wide monitor', async ({ page }) => {
  for (const width of [1280, 2560]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/nodes');
    await expect(page.getByTestId('node-vega-vk')).toBeVisible();
    // Nothing wider than the window: no horizontal scrolling of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: test.info().outputPath(`nodes-${width}.png`), fullPage: true });
  }
});

test('is usable from the keyboard', async ({ page }) => {
  await page.goto('/nodes');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  const raw = page.getByTestId('node-vega-vk').getByText('Raw ping response');
  await raw.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-vega-vk').locator('details', { hasText: 'Raw ping response' }).locator('pre')).toContainText(
    'PARTITION',
  );
});

test('turns vega-vk NotReady and back without a reload', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/nodes');
  const vega = page.getByTestId('node-vega-vk');
  await expect(vega).toHaveAttribute('data-healthy', 'true');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  // Note the moment the card flips (a reload would lose this and the marker).
  await page.evaluate(() => {
    const w = window as unknown as { offloadMarker: number; flippedAt?: number };
    w.offloadMarker = 1;
    const card = document.querySelector('[data-testid="node-vega-vk"]');
    if (card === null) return;
    new MutationObserver(() => {
      if (card.getAttribute('data-healthy') === 'false') w.flippedAt ??= Date.now();
    }).observe(card, { attributes: true });
  });

  await lab('stop', 'vega-vk-plugin');
  try {
    // interLink pings every 30 s; allow the ping interval, the page's share (≤ 1 s) and slack.
    await expect(vega).toHaveAttribute('data-healthy', 'false', { timeout: 45_000 });
    const shownAt = await page.evaluate(() => (window as unknown as { flippedAt?: number }).flippedAt ?? Date.now());
    const why = vega.getByTestId('node-why');
    await expect(why).toContainText("interLink's plugin is not answering: the interLink API answered 503 to the ping");
    // lumi-vk may be between pings that met the same idle-close race (below): vega-vk is the one not counted.
    await expect(page.getByTestId('nodes-summary')).toHaveText(/^[01] of 2 virtual nodes ready:$/);
    await expect(page.getByRole('link', { name: 'vega-vk' })).toBeVisible();
    // How long after the virtual kubelet wrote NotReady did the page show it? Kubernetes
    // times have whole seconds, so allow one more.
    const nodes = (await (await page.request.get('/api/nodes')).json()) as { virtualNodes: Array<{ name: string; lastHeartbeat: string }> };
    const written = Date.parse(nodes.virtualNodes.find((n) => n.name === 'vega-vk')?.lastHeartbeat ?? '');
    const delay = `page showed NotReady ${shownAt - written} ms after the node status was written (whole seconds)`;
    testInfo.annotations.push({ type: 'delay', description: delay });
    console.log(delay);
    expect(shownAt - written).toBeLessThan(2_000);
    // A failed ping empties the answer: no partitions until the next successful one.
    await expect(vega).toContainText('Nothing reported: the last ping failed or none has succeeded yet.');
    await expect(partitionsOf(page, 'vega-vk')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('vega-vk-not-ready.png'), fullPage: true });
    await expectAccessible(page);
  } finally {
    await lab('start', 'vega-vk-plugin');
  }
  // Back at the next successful ping. The first ping after the plugin's return often meets
  // the interLink API closing the connection the failed ping left idle for 30 s (EOF, "server
  // closed idle connection": docs/operations.md, "Limits of the released interLink
  // components"), and then the node stays NotReady one more ping: allow three.
  await expect(vega).toHaveAttribute('data-healthy', 'true', { timeout: 100_000 });
  await expect(page.getByTestId('nodes-summary')).toHaveText('2 of 2 virtual nodes ready.', { timeout: 100_000 });
  await expect(partitionsOf(page, 'vega-vk')).toBeVisible();
  await expect(vega.getByRole('listitem').filter({ hasText: "not ready: interLink's plugin is not answering" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { offloadMarker?: number }).offloadMarker)).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('vega-vk-ready-again.png'), fullPage: true });
});
