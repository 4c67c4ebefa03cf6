// Chromium for the suite (Debian's, as the browser journeys use it) and the one place that
// opens a dashboard page as admin.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (empty HTTP cache, no cookies) on the dashboard at `baseURL`. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
}

/**
 * Opens `path` as the lab's admin. Today the dashboard acts as its own identity for a
 * browser without sign-in, so this only navigates; once sign-in exists, this is where the
 * suite signs in (and the only place that needs to change).
 */
export async function openAsAdmin(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path, { waitUntil: 'commit' });
  return page;
}
