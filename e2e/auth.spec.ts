import { expect, test, type BrowserContext, type Page } from '@playwright/test';

import { oidcSignIn } from '../scripts/lib/oidc.ts';
import { cookiePairs, sessionCookies, type Session } from '../lib/auth/session';

import { BASE_URL, api, removeService, expectAccessible, signIn } from './support';

// Signing in, as people do it: through the lab provider's real login page. What alice runs
// bob neither sees nor opens; signing out ends the session; an expired session sends the
// person to the sign-in page and back to where they were, with what they had typed.

test.use({ storageState: { cookies: [], origins: [] } });

const name = `e2e-auth-${Date.now().toString(36)}`;
let jobUrl = '';

test.beforeAll(async () => {
  const created = await api('alice', 'POST', '/api/services', {
    name,
    namespace: 'alice',
    image: 'docker://alpine:3.20',
    script: 'echo "hello from alice"\n',
    interlink_node_name: 'vega-vk',
  });
  expect(created.status, await created.clone().text()).toBe(201);
});

test.afterAll(async () => {
  await removeService(name);
  if (jobUrl !== '') await api('admin', 'DELETE', new URL(jobUrl).pathname.replace(/^\/jobs/, '/api/jobs'));
});

/** Nothing secret is readable by the page: not the cookie, not a token, in any storage. */
async function expectNoSecretsInPage(page: Page): Promise<void> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'offload_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  const exposed = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  expect(exposed.cookie).not.toContain('offload_session');
  for (const where of [exposed.html, exposed.local, exposed.session]) {
    expect(where).not.toContain(cookie?.value ?? '<no cookie>');
    // An ID token or service-account token is a JWT: three base64url parts, "eyJ…".
    expect(where).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/);
  }
}

test('alice signs in through the provider, runs a job and sees it; bob cannot; both sign out', async ({ browser }) => {
  test.setTimeout(180_000);
  const fresh = () => browser.newContext({ storageState: { cookies: [], origins: [] } });
  const alice = await (await fresh()).newPage();
  await alice.goto(`/services/alice/${name}`);
  // Not signed in: the page sends her to sign in, and back here afterwards.
  await expect(alice).toHaveURL(/\/signin\?returnTo=/);
  await expectAccessible(alice);
  await signIn(alice, 'alice', '');
  await expect(alice).toHaveURL(`${BASE_URL}/services/alice/${name}`);
  await alice.getByRole('button', { name: 'Run now' }).click();
  await expect(alice).toHaveURL(new RegExp(`/jobs/alice/${name}-`));
  jobUrl = alice.url();
  const jobName = decodeURIComponent(new URL(jobUrl).pathname.split('/').pop() ?? '');
  await expect(alice.getByTestId('job-state')).toBeVisible();
  await alice.goto('/jobs');
  await alice.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect(alice.getByTestId(`job-row-alice-${jobName}`)).toBeVisible({ timeout: 15_000 });
  await expectNoSecretsInPage(alice);
  // What RBAC refuses her is disabled, saying which permission is missing.
  await alice.goto('/services/new?namespace=bob&template=hello-hpc');
  await expect(alice.getByTestId('save-refused')).toContainText('create or update services (configmaps) in namespace bob');
  await expect(alice.getByRole('button', { name: 'Save' })).toBeDisabled();

  const bob = await (await fresh()).newPage();
  await signIn(bob, 'bob');
  await bob.goto('/jobs');
  await expect(bob.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await bob.getByRole('searchbox', { name: 'Search' }).fill(name);
  await expect(bob.getByTestId(`job-row-alice-${jobName}`)).toHaveCount(0);
  await bob.goto(new URL(jobUrl).pathname);
  await expect(bob.getByRole('alert').filter({ hasText: 'You may not' })).toHaveText('You may not get jobs.batch in namespace alice.');
  await expect(bob.getByTestId('log-lines')).toHaveCount(0);
  // His API calls are refused by the API server's RBAC as well, whatever the UI shows.
  expect((await bob.request.get(`/api/jobs/alice/${jobName}/logs`)).status()).toBe(403);

  for (const page of [alice, bob]) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole('status')).toContainText('You have signed out.');
    expect((await page.context().cookies()).filter((c) => c.name.startsWith('offload_session'))).toEqual([]);
    await page.goto('/jobs');
    await expect(page).toHaveURL(/\/signin\?returnTo=%2Fjobs/);
    // The provider's session ended too: signing in asks for the password again.
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await expect(page.getByLabel('Password')).toBeVisible();
  }
});

/** Puts a session in the browser as the server would have sealed it (the tests know its secret). */
async function setSession(context: BrowserContext, session: Session): Promise<void> {
  const host = new URL(BASE_URL).hostname;
  await context.clearCookies({ name: 'offload_session' });
  const pairs = cookiePairs(sessionCookies(session, process.env.OFFLOAD_E2E_SESSION_SECRET ?? '', Date.now() + 600_000, false));
  await context.addCookies(
    pairs.map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: host, path: '/', httpOnly: true, sameSite: 'Lax' as const };
    }),
  );
}

test('an expired ID token is renewed without leaving the page', async ({ page, context }) => {
  const tokens = await oidcSignIn('alice');
  await setSession(context, {
    method: 'oidc',
    token: tokens.id_token,
    refreshToken: tokens.refresh_token ?? null,
    tokenExpiresAt: Date.now() - 60_000,
    username: 'alice',
    groups: [],
    csrf: 'c1',
  });
  await page.goto('/jobs');
  // The first API call is refused (expired), the page renews the sign-in and carries on.
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await expect(page).toHaveURL(`${BASE_URL}/jobs`);
  await expect(page.getByTestId('signed-in-user')).toHaveText('alice');
});

test('an expired session sends alice to sign in and back to her unsaved service', async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(page, 'alice');
  await page.goto('/services/new?namespace=alice&template=hello-hpc');
  const draft = `${name}-draft`;
  await page.getByLabel('Name', { exact: true }).fill(draft);
  await expect(page.getByTestId('unsaved')).toBeVisible();

  // The session ends: its token has expired and there is nothing to renew it with.
  await setSession(context, {
    method: 'oidc',
    token: 'expired.id.token',
    refreshToken: null,
    tokenExpiresAt: Date.now() - 60_000,
    username: 'alice',
    groups: [],
    csrf: 'x',
  });

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/signin\?.*expired=1/);
  await expect(page.getByRole('status')).toContainText('Your session has expired');
  await signIn(page, 'alice', '');
  await expect(page).toHaveURL(`${BASE_URL}/services/new?namespace=alice&template=hello-hpc`);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(draft);
  await expect(page.getByTestId('unsaved')).toBeVisible();
});
