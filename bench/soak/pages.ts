// The people at their browsers (Debian's Chromium): pages kept open for the whole run (the
// jobs list, the nodes page, two job pages following a log) that must recover from every
// fault by themselves, and a page loaded afresh every few seconds. A sampler notes, once a
// second, what each open page says (its live indicator, its alerts and statuses), so the
// report can quote what a person saw during each fault.
import type { Browser, BrowserContext, Page } from '@playwright/test';

import { launchChromium } from '../browser.ts';

export interface Seen {
  at: number;
  page: string;
  text: string;
}

export interface PageLoad {
  at: number;
  path: string;
  status: number | 'failed';
  ms: number;
  /** The page's alert text, if it showed one. */
  alert: string;
}

export interface OpenPage {
  name: string;
  page: Page;
  errors: string[];
}

export interface Browsers {
  open: OpenPage[];
  seen: Seen[];
  loads: PageLoad[];
  /** Buffer index → log line text, per log page, as the viewer showed them. */
  logLines: Map<string, Map<number, string>>;
  close: () => Promise<void>;
}

async function signedInContext(browser: Browser, baseURL: string, token: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const r = await context.request.post('/api/auth/token', { data: { token }, headers: { Origin: new URL(baseURL).origin } });
  if (!r.ok()) throw new Error(`sign-in for the soak's browser failed: ${r.status()} ${await r.text()}`);
  return context;
}

const SAMPLE = `(() => {
  const texts = [];
  const live = document.querySelector('[data-testid="live-indicator"]');
  if (live) texts.push('live indicator: ' + live.textContent.trim());
  for (const el of document.querySelectorAll('[role="alert"], [role="status"], [data-testid="log-status"]')) {
    const t = el.textContent.trim();
    if (t !== '' && !(live && el === live)) texts.push(t.slice(0, 300));
  }
  const rows = document.querySelectorAll('[data-testid="log-lines"] [data-index]');
  const lines = [...rows].map((d) => [Number(d.getAttribute('data-index')), d.textContent]);
  return { text: texts.join(' | '), lines };
})()`;

export async function openBrowsers(
  baseURL: string,
  tokens: { watcher: string; follower: string; loader: string },
  logPages: readonly string[],
  loadPaths: () => string[],
  everySeconds: number,
): Promise<Browsers> {
  const browser = await launchChromium();
  const seen: Seen[] = [];
  const loads: PageLoad[] = [];
  const logLines = new Map<string, Map<number, string>>();
  const open: OpenPage[] = [];
  const watch = async (context: BrowserContext, name: string, path: string) => {
    const page = await context.newPage();
    const entry: OpenPage = { name, page, errors: [] };
    page.on('pageerror', (e) => entry.errors.push(`${new Date().toISOString()} ${e.message}`));
    await page.goto(path, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    open.push(entry);
  };
  const watcher = await signedInContext(browser, baseURL, tokens.watcher);
  await watch(watcher, 'jobs page', '/jobs');
  await watch(watcher, 'nodes page', '/nodes');
  const follower = await signedInContext(browser, baseURL, tokens.follower);
  for (const path of logPages) await watch(follower, `log page ${path}`, path);

  const last = new Map<string, string>();
  const sampler = setInterval(() => {
    for (const p of open) {
      void p.page.evaluate(SAMPLE).then(
        (raw) => {
          const r = raw as { text: string; lines: Array<[number, string]> };
          if (last.get(p.name) !== r.text) {
            last.set(p.name, r.text);
            seen.push({ at: Date.now(), page: p.name, text: r.text });
          }
          if (r.lines.length > 0) {
            const map = logLines.get(p.name) ?? new Map<number, string>();
            for (const [i, t] of r.lines) map.set(i, t);
            logLines.set(p.name, map);
          }
        },
        () => undefined,
      );
    }
  }, 1_000);

  const loader = await signedInContext(browser, baseURL, tokens.loader);
  let stopped = false;
  const loadLoop = (async () => {
    const page = await loader.newPage();
    let n = 0;
    while (!stopped) {
      const paths = loadPaths();
      const path = paths[n++ % paths.length] ?? '/jobs';
      const t0 = Date.now();
      try {
        const response = await page.goto(path, { waitUntil: 'load', timeout: 30_000 });
        await page.waitForTimeout(500);
        const alert = (
          await page
            .locator('[role="alert"]')
            .allTextContents()
            .catch(() => [])
        )
          .join(' | ')
          .slice(0, 300);
        loads.push({ at: t0, path, status: response?.status() ?? 0, ms: Date.now() - t0, alert });
      } catch (err) {
        loads.push({
          at: t0,
          path,
          status: 'failed',
          ms: Date.now() - t0,
          alert: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err),
        });
      }
      await new Promise((r) => setTimeout(r, everySeconds * 1000));
    }
  })();
  return {
    open,
    seen,
    loads,
    logLines,
    close: async () => {
      stopped = true;
      clearInterval(sampler);
      await loadLoop.catch(() => undefined);
      await browser.close();
    },
  };
}

/** Whether `page` shows the job row of `namespace/name` within `ms` (live updates reached it). */
export async function showsJob(page: Page, namespace: string, name: string, ms: number): Promise<boolean> {
  return page
    .locator(`[data-testid="job-row-${namespace}-${name}"]`)
    .waitFor({ state: 'attached', timeout: ms })
    .then(
      () => true,
      () => false,
    );
}

/** The highest `line N` a log page showed so far. */
export function lastLogLine(lines: Map<number, string> | undefined): number {
  let max = 0;
  for (const t of lines?.values() ?? []) {
    const n = /\bline (\d+)\b/.exec(t)?.[1];
    if (n !== undefined) max = Math.max(max, Number(n));
  }
  return max;
}

/** Line numbers a log page showed twice (at two buffer positions), and numbers it skipped. */
export function logContinuity(lines: Map<number, string> | undefined): { duplicated: number[]; missing: number[] } {
  const positions = new Map<number, number>();
  const duplicated: number[] = [];
  for (const t of lines?.values() ?? []) {
    const n = /\bline (\d+)\b/.exec(t)?.[1];
    if (n === undefined) continue;
    const k = Number(n);
    positions.set(k, (positions.get(k) ?? 0) + 1);
    if (positions.get(k) === 2) duplicated.push(k);
  }
  const max = Math.max(0, ...positions.keys());
  const min = Math.min(max, ...positions.keys());
  const missing: number[] = [];
  for (let k = min; k <= max; k++) if (!positions.has(k)) missing.push(k);
  return { duplicated, missing };
}

/** The viewer's fixed row height (components/jobs/log-lines.tsx), to know which rows a scroll position shows. */
const LOG_ROW_PX = 20;

/**
 * Every line a log page holds, read by scrolling its virtualized list from top to bottom. After
 * each scroll it waits until the rows at that position are rendered: under the soak's load a
 * fixed pause was not enough, and rows never rendered read as lines the page skipped (seen:
 * 141 "missing" lines of 350 that the viewer held). Rows it still cannot read are an error.
 */
export async function readWholeLog(page: Page): Promise<Map<number, string>> {
  const lines = new Map<number, string>();
  const box = page.getByTestId('log-lines');
  const readAt = async (top: number) => {
    await box.evaluate((el, t) => el.scrollTo(0, t), top).catch(() => undefined);
    const first = Math.floor(top / LOG_ROW_PX);
    await page
      .waitForSelector(`[data-testid="log-lines"] [data-index="${first}"]`, { state: 'attached', timeout: 5_000 })
      .catch(() => undefined);
    const rows = await page
      .$$eval('[data-testid="log-lines"] [data-index]', (ds) =>
        ds.map((d) => [Number(d.getAttribute('data-index')), d.textContent ?? ''] as [number, string]),
      )
      .catch(() => []);
    for (const [i, t] of rows) lines.set(i, t);
  };
  // Down to the bottom as it is when reached, counting the rows seen there: the job may still
  // write, and a count from the height read at the start claimed 695 rows of a list that, read
  // again and again, held 693.
  const step = 10 * LOG_ROW_PX;
  for (let top = 0; ; top += step) {
    await readAt(top);
    if (top >= (await box.evaluate((el) => el.scrollHeight - el.clientHeight).catch(() => 0))) break;
  }
  const rowCount = lines.size === 0 ? 0 : Math.max(...lines.keys()) + 1;
  const unreadRows = () => Array.from({ length: rowCount }, (_, i) => i).filter((i) => !lines.has(i));
  // Near the end the viewer follows new lines to the bottom and one step can pass over rows: go back to each.
  for (let pass = 0; pass < 3; pass++) for (const i of unreadRows()) if (!lines.has(i)) await readAt(Math.max(0, (i - 2) * LOG_ROW_PX));
  const unread = unreadRows();
  if (unread.length > 0)
    throw new Error(`could not read ${unread.length} of ${rowCount} log rows (first ${unread[0]}): the viewer did not render them`);
  return lines;
}
