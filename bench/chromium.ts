// (3, browser half) and (4): the jobs page in Chromium with 10,000 rows. Timings are taken
// inside the page (performance.now, event timestamps), each ending one frame after the DOM
// changed, so they include rendering, not only JavaScript.
import type { Browser, Page } from '@playwright/test';

import { BENCH_NAMESPACE } from './fabricate.ts';
import { newContext, openAsAdmin } from './browser.ts';

interface BenchWindow {
  __bench: { firstRows: number | null; keys: number[] };
}

const ROW = '[data-testid^="job-row-"]';
const SEARCH = 'form[role="search"] input[type="search"]';

export function installProbes(): void {
  const w = window as unknown as BenchWindow;
  w.__bench = { firstRows: null, keys: [] };
  const afterPaint = (f: () => void) => requestAnimationFrame(() => setTimeout(f, 0));
  const obs = new MutationObserver(() => {
    if (w.__bench.firstRows !== null || document.querySelector('[data-testid^="job-row-"]') === null) return;
    w.__bench.firstRows = -1;
    obs.disconnect();
    afterPaint(() => (w.__bench.firstRows = performance.now()));
  });
  obs.observe(document, { childList: true, subtree: true });
  // A keystroke: from the keydown's timestamp to the frame after React re-rendered the table
  // (input updates are discrete: React renders them before the event's task ends).
  let down = 0;
  document.addEventListener('keydown', (e) => void (down = e.timeStamp), true);
  document.addEventListener(
    'input',
    () => {
      const t0 = down;
      afterPaint(() => w.__bench.keys.push(performance.now() - t0));
    },
    true,
  );
}

async function countText(page: Page): Promise<string> {
  return (await page.getByTestId('jobs-count').textContent()) ?? '';
}

export interface ScrollRun {
  /** From the first frame to the last row painted. */
  totalMs: number;
  frames: number;
  intervalsMs: number[];
}

/** Scrolling speeds measured, in px per frame (rows are 44 px): a fast fling, and twice that. */
export const SCROLL_SPEEDS = [440, 880] as const;

export interface PageRun {
  firstRowsMs: number;
  /** Until the count says every row is there (the first page shows before the rest). */
  allRowsMs: number;
  keystrokesMs: number[];
  jumpToEndMs: number[];
  scrolls: Record<(typeof SCROLL_SPEEDS)[number], ScrollRun>;
}

/** A first visit of /jobs in a fresh context: first rows painted, then every row loaded. */
export async function firstLoad(browser: Browser, base: string, totalRows: number): Promise<{ firstRowsMs: number; allRowsMs: number }> {
  const context = await newContext(browser, base);
  try {
    await context.addInitScript(installProbes);
    const page = await openAsAdmin(context, '/jobs');
    return await loaded(page, totalRows);
  } finally {
    await context.close();
  }
}

async function loaded(page: Page, totalRows: number): Promise<{ firstRowsMs: number; allRowsMs: number }> {
  await page.waitForFunction(() => ((window as unknown as BenchWindow).__bench.firstRows ?? -1) > 0, null, { timeout: 60_000 });
  const firstRowsMs = await page.evaluate(() => (window as unknown as BenchWindow).__bench.firstRows ?? Number.NaN);
  const complete = await page.waitForFunction(
    (all) => (document.querySelector('[data-testid="jobs-count"]')?.textContent === all ? performance.now() : false),
    `${totalRows.toLocaleString('en')} jobs`,
    { timeout: 60_000, polling: 'raf' },
  );
  return { firstRowsMs, allRowsMs: (await complete.jsonValue()) as number };
}

/** One visit of /jobs in a fresh context: first rows, typing `query` then erasing it, scrolling. */
export async function jobsPageRun(
  browser: Browser,
  base: string,
  query: string,
  expectedMatches: number,
  totalRows: number,
): Promise<PageRun> {
  const context = await newContext(browser, base);
  try {
    await context.addInitScript(installProbes);
    const page = await openAsAdmin(context, '/jobs');
    const { firstRowsMs, allRowsMs } = await loaded(page, totalRows);

    const search = page.locator(SEARCH);
    await search.focus();
    for (const ch of query) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(500);
    const narrowed = await countText(page);
    // The page groups thousands ("110 of 10,000 jobs"), as lib/format/plural.ts words counts.
    if (!narrowed.startsWith(`${expectedMatches.toLocaleString('en')} of ${totalRows.toLocaleString('en')}`))
      throw new Error(`after typing "${query}" the page shows "${narrowed}", the API counts ${expectedMatches}`);
    for (let i = 0; i < query.length; i++) {
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(500);
    const keystrokesMs = await page.evaluate(() => (window as unknown as BenchWindow).__bench.keys);
    if (keystrokesMs.length !== 2 * query.length) throw new Error(`${keystrokesMs.length} keystrokes timed of ${2 * query.length}`);
    if ((await countText(page)) !== `${totalRows.toLocaleString('en')} jobs`)
      throw new Error('erasing the search did not bring every row back');

    const jumpToEndMs: number[] = [];
    for (let i = 0; i < 10; i++) jumpToEndMs.push(await page.evaluate(jumpToEnd, totalRows));
    const scrolls = {} as PageRun['scrolls'];
    for (const pxPerFrame of SCROLL_SPEEDS) scrolls[pxPerFrame] = await page.evaluate(scrollThrough, { pxPerFrame, totalRows });
    return { firstRowsMs, allRowsMs, keystrokesMs, jumpToEndMs, scrolls };
  } finally {
    await context.close();
  }
}

/** Scrollbar dragged to the bottom: time until the last row is painted. */
async function jumpToEnd(totalRows: number): Promise<number> {
  const el = document.querySelector('[data-testid="jobs-table"]') as HTMLElement;
  const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
  el.scrollTop = 0;
  await frame();
  await frame();
  const t0 = performance.now();
  el.scrollTop = el.scrollHeight;
  const last = `[aria-rowindex="${totalRows + 1}"]`;
  for (let i = 0; i < 600 && document.querySelector(last) === null; i++) await frame();
  if (document.querySelector(last) === null) throw new Error('the last row never appeared');
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}

/** Scrolls from the first row to the last, `pxPerFrame` each frame: the frame intervals and the time it took. */
async function scrollThrough({ pxPerFrame, totalRows }: { pxPerFrame: number; totalRows: number }): Promise<ScrollRun> {
  const el = document.querySelector('[data-testid="jobs-table"]') as HTMLElement;
  el.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const intervals: number[] = [];
  let first = 0;
  await new Promise<void>((done) => {
    let last: number | null = null;
    const step = (ts: number) => {
      if (last === null) first = ts;
      if (last !== null) intervals.push(ts - last);
      last = ts;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return done();
      el.scrollTop += pxPerFrame;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  if (document.querySelector(`[aria-rowindex="${totalRows + 1}"]`) === null)
    throw new Error('scrolled to the end but the last row is not there');
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { totalMs: performance.now() - first, frames: intervals.length, intervalsMs: intervals };
}

interface PushWindow {
  __push: number | null;
}

/** The jobs page narrowed to one pod's row, watching that row until its state becomes `want`. */
export async function watchRow(page: Page, podName: string, want: string): Promise<void> {
  const search = page.locator(SEARCH);
  await search.fill(podName);
  const row = page.getByTestId(`job-row-${BENCH_NAMESPACE}-${podName}`);
  await row.waitFor({ timeout: 10_000 });
  await page.evaluate(
    ({ sel, want }) => {
      const w = window as unknown as PushWindow;
      w.__push = null;
      const obs = new MutationObserver(() => {
        if (document.querySelector(sel)?.getAttribute('data-state') !== want) return;
        w.__push = Date.now();
        obs.disconnect();
      });
      obs.observe(document.querySelector('[data-testid="jobs-table"]') as Node, { subtree: true, childList: true, attributes: true });
    },
    { sel: `[data-testid="job-row-${BENCH_NAMESPACE}-${podName}"]`, want },
  );
}

/** When (Date.now() in the page) the watched row changed. */
export async function rowChangedAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as PushWindow).__push !== null, null, { timeout: 15_000, polling: 50 });
  return page.evaluate(() => (window as unknown as PushWindow).__push ?? Number.NaN);
}

export async function openJobsPage(browser: Browser, base: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await newContext(browser, base);
  const page = await openAsAdmin(context, '/jobs');
  await page.locator(ROW).first().waitFor({ timeout: 60_000 });
  return { page, close: () => context.close() };
}
