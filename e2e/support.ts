import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '..');

/** `npm run lab -- <action> <component>`, exactly as a person would type it. */
export async function lab(action: 'stop' | 'start', component: string): Promise<void> {
  await run('npm', ['run', '--silent', 'lab', '--', action, component], { cwd: ROOT, timeout: 60_000 });
}

/** Fails on serious or critical accessibility violations, listing them. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}
