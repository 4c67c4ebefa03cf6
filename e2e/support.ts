import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

import { labDir } from '../lab/state';

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

export type Person = 'admin' | 'alice' | 'bob';
const labFile = (...parts: string[]) => readFileSync(path.join(labDir(ROOT), ...parts), 'utf8').trim();
export const BASE_URL = process.env.OFFLOAD_URL ?? `http://127.0.0.1:${process.env.OFFLOAD_E2E_PORT}`;
/** Where the signed-in admin's browser state (the session cookie) is kept for the journeys. */
export const ADMIN_STATE = path.join(ROOT, 'test-results', '.auth', 'admin.json');

/**
 * Signs a lab person in the way they would: "Sign in with single sign-on", the lab
 * provider's own login page, and back to Offload.
 */
export async function signIn(page: Page, who: Person, from = '/signin'): Promise<void> {
  if (from !== '') await page.goto(from);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  // Still signed in at the provider (single sign-on): it sends the browser straight back.
  const form = page.getByLabel('Username');
  await expect(form.or(page.getByTestId('signed-in-user'))).toBeVisible({ timeout: 30_000 });
  if (await form.isVisible()) {
    await form.fill(who);
    await page.getByLabel('Password').fill(labFile('users', `${who}.password`));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page.getByTestId('signed-in-user')).toHaveText(who, { timeout: 30_000 });
}

/** The JSON API as a lab person, for set-up and clean-up outside the browser. */
export function api(who: Person, method: string, apiPath: string, body?: unknown): Promise<Response> {
  return fetch(`${BASE_URL}${apiPath}`, {
    method,
    headers: {
      Authorization: `Bearer ${labFile('users', `${who}.token`)}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

/** Removes a service of alice's and the jobs run from it, which deleting the service leaves. */
export async function removeService(name: string): Promise<void> {
  const listed = await api('admin', 'GET', `/api/jobs?namespace=alice&service=${encodeURIComponent(name)}&limit=0`);
  const jobs = listed.ok ? ((await listed.json()) as { jobs: Array<{ name: string }> }).jobs : [];
  for (const job of jobs) await api('admin', 'DELETE', `/api/jobs/alice/${job.name}`);
  await api('admin', 'DELETE', `/api/services/alice/${name}`);
}
