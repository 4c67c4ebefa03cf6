import { expect, test, type Page, type Response } from '@playwright/test';

import { api, removeService, signIn } from './support';
import { testService } from '../scripts/lib/test-service.ts';

// The pages under the policy they are served with: every page (app/**/page.tsx) loads and
// works in Chromium with the security headers present and not one Content Security Policy
// violation; and signing out leaves no token in any address the browser went to.

const service = `e2e-csp-${Date.now().toString(36)}`;
let jobPath = '';

test.beforeAll(async () => {
  const created = await api('alice', 'POST', '/api/services', testService(service, 'alice', { script: 'echo "csp"\n' }));
  expect(created.status, await created.clone().text()).toBe(201);
  const run = await api('alice', 'POST', `/api/services/alice/${service}/jobs`, {});
  expect(run.status).toBe(201);
  jobPath = `/jobs/alice/${((await run.json()) as { name: string }).name}`;
});

test.afterAll(async () => {
  await removeService(service);
  if (jobPath !== '') await api('admin', 'DELETE', `/api${jobPath}`);
});

/** Collects every CSP violation the page reports, as an event and in the console, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

function expectSecurityHeaders(response: Response | null) {
  const h = response?.headers() ?? {};
  expect(h['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'; /);
  expect(h['content-security-policy']).not.toContain('unsafe-eval');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' });
}

/** Every page, and what shows that it has rendered and runs. */
const PAGES: Array<[string, () => string, (page: Page) => Promise<void>]> = [
  ['/ (goes to the node view)', () => '/', async (page) => await expect(page).toHaveURL(/\/nodes$/)],
  ['/nodes', () => '/nodes', async (page) => await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live')],
  ['/jobs', () => '/jobs', async (page) => await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live')],
  [
    '/jobs/{namespace}/{name}',
    () => jobPath,
    async (page) => {
      await expect(page.getByTestId('job-state')).toBeVisible();
      await expect(page.getByTestId('log-viewer')).toBeVisible();
    },
  ],
  ['/services', () => '/services', async (page) => await expect(page.getByRole('heading', { level: 1 })).toBeVisible()],
  [
    '/services/new',
    () => '/services/new?namespace=alice&template=hello-hpc',
    async (page) => {
      await expect(page.getByTestId('script-editor')).toBeVisible();
      await expect(page.getByTestId('preview-sbatch')).toBeVisible();
    },
  ],
  [
    '/services/{namespace}/{name}',
    () => `/services/alice/${service}`,
    async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: service })).toBeVisible();
      await expect(page.getByTestId('script-editor')).toContainText('echo "csp"');
    },
  ],
  [
    '/signin',
    () => '/signin',
    async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Offload' })).toBeVisible();
      // The token form loads its validation (zod) when used.
      await page.getByText('Sign in with a Kubernetes token instead').click();
      await page.getByLabel('Kubernetes bearer token').fill('two words');
      await page.getByRole('button', { name: 'Sign in with the token' }).click();
      await expect(page.getByText('The token must be one word of printable characters')).toBeVisible();
    },
  ],
  ['a page that does not exist', () => '/no-such-page', async (page) => await expect(page.getByText(/could not be found/i)).toBeVisible()],
];

for (const [what, path, ready] of PAGES) {
  test(`${what} loads under its Content Security Policy without a violation`, async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto(path());
    expectSecurityHeaders(response);
    await ready(page);
    // Let lazy parts (the preview, the editor, live updates) load too.
    await page.waitForTimeout(1_000);
    expect(await violations()).toEqual([]);
  });
}

test('signing out leaves no token in any address the browser went to', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const visited: string[] = [];
  page.on('request', (r) => visited.push(r.url()));
  await signIn(page, 'alice');
  await page.goto('/jobs');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toContainText('You have signed out.');
  // Through the provider's own sign-out, which ended its session: signing in asks again.
  expect(visited.some((u) => u.includes('/session/end'))).toBe(true);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
  const withToken = visited.filter((u) => /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]*/.test(decodeURIComponent(u)) || u.includes('id_token_hint'));
  expect(withToken).toEqual([]);
  await context.close();
});
