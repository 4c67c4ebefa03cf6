// Chromium for the suite (Debian's, as the browser journeys use it) and the one place that
// opens a dashboard page as admin.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

import { adminToken } from './http.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (empty HTTP cache, no cookies) on the dashboard at `baseURL`. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  origins.set(context, new URL(baseURL).origin);
  return context;
}

const origins = new WeakMap<BrowserContext, string>();

/**
 * Opens `path` as the lab's admin: signs the context in first with the admin's token
 * (`POST /api/auth/token`, as the sign-in page does; the session cookie lands in the
 * context), so the timed navigation is the page alone.
 */
export async function openAsAdmin(context: BrowserContext, path: string): Promise<Page> {
  const signedIn = await context.request.post('/api/auth/token', {
    data: { token: adminToken() },
    headers: { Origin: origins.get(context) ?? '' },
  });
  if (!signedIn.ok()) throw new Error(`token sign-in failed: ${signedIn.status()} ${await signedIn.text()}`);
  const page = await context.newPage();
  await page.goto(path, { waitUntil: 'commit' });
  return page;
}
