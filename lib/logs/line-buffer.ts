import { lineKind, timeReportAt, type LineKind } from '@/lib/interlink/jobs/log-lines';

// The lines of a log as it arrives in chunks: complete lines plus the unfinished last one,
// capped so that a 50 MB log or a fast writer cannot grow the page without bound (the
// oldest lines are dropped and counted; the download still has everything). Each line is
// classified as it completes (lib/interlink/jobs/log-lines.ts), and the buffer keeps per-kind
// counts and the positions of the lines that stay when the plugin's are hidden, both right
// as lines are dropped. Pure, and mutable on purpose: appending to a 100,000-line log must
// not copy it per chunk.

export const DEFAULT_MAX_LINES = 100_000;

const NOT_BLANK = /\S/;

function noCounts(): Record<LineKind, number> {
  return { output: 0, plugin: 0, runtime: 0, 'runtime-error': 0, slurm: 0 };
}

export class LineBuffer {
  private readonly lines: string[] = [];
  private readonly kinds: LineKind[] = [];
  private partial = '';
  private partialKind: LineKind = 'output';
  private counts = noCounts();
  /** Absolute numbers (dropped + index) of the kept complete lines that are not the plugin's, ascending. */
  private readonly shown: number[] = [];
  /**
   * Bash's `time` report at the end of the log, [start, end) in absolute numbers, claimed as
   * the plugin's while nothing but blank lines follows it; anything else after it makes it a
   * report the program printed itself, and it goes back to being output.
   */
  private report: { start: number; end: number } | null = null;
  /** Lines dropped from the front to respect the cap. */
  dropped = 0;
  /** Increases with every change, so a view can tell that it must re-render. */
  version = 0;

  constructor(readonly maxLines = DEFAULT_MAX_LINES) {}

  append(text: string): void {
    if (text === '') return;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.push(p.endsWith('\r') ? p.slice(0, -1) : p);
    this.partialKind = lineKind(this.partial);
    if (this.report !== null && NOT_BLANK.test(this.partial)) this.releaseReport();
    // Trim in steps of a tenth, so the cost of splice is spread over many appends.
    if (this.lines.length > this.maxLines * 1.1) this.trimTo(this.maxLines);
    this.version++;
  }

  clear(): void {
    this.lines.length = 0;
    this.kinds.length = 0;
    this.shown.length = 0;
    this.partial = '';
    this.partialKind = 'output';
    this.counts = noCounts();
    this.report = null;
    this.dropped = 0;
    this.version++;
  }

  get length(): number {
    return this.lines.length + (this.partial === '' ? 0 : 1);
  }

  /** Line `i` of what is kept; the unfinished last line counts as a line. */
  line(i: number): string {
    return i === this.lines.length ? this.partial : (this.lines[i] ?? '');
  }

  kind(i: number): LineKind {
    return i === this.lines.length ? this.partialKind : (this.kinds[i] ?? 'output');
  }

  /** How many of the kept lines (the unfinished one included) are of this kind. */
  count(kind: LineKind): number {
    return this.counts[kind] + (this.partial !== '' && this.partialKind === kind ? 1 : 0);
  }

  /** How many kept lines are not the plugin's. */
  get shownLength(): number {
    return this.shown.length + (this.partial !== '' && this.partialKind !== 'plugin' ? 1 : 0);
  }

  /** The index (as for `line`) of the `r`-th kept line that is not the plugin's. */
  shownIndex(r: number): number {
    return r < this.shown.length ? (this.shown[r] ?? 0) - this.dropped : this.lines.length;
  }

  private push(line: string): void {
    if (this.report !== null && NOT_BLANK.test(line)) this.releaseReport();
    const kind = lineKind(line);
    this.lines.push(line);
    this.kinds.push(kind);
    this.counts[kind]++;
    if (kind !== 'plugin') this.shown.push(this.dropped + this.lines.length - 1);
    if (line.startsWith('sys\t')) this.claimReport();
  }

  private claimReport(): void {
    const tail = this.lines.slice(-4);
    const at = timeReportAt(tail);
    if (at === -1) return;
    const end = this.dropped + this.lines.length;
    const start = end - tail.length + at;
    for (let j = start; j < end; j++) this.setKind(j, 'plugin');
    this.report = { start, end };
  }

  private releaseReport(): void {
    const report = this.report;
    this.report = null;
    if (report === null) return;
    for (let j = report.start; j < report.end; j++) this.setKind(j, lineKind(this.lines[j - this.dropped] ?? ''));
  }

  /** Reclassifies a kept line (near the end: the `time` report), keeping counts and `shown` right. */
  private setKind(abs: number, kind: LineKind): void {
    const i = abs - this.dropped;
    const old = this.kinds[i];
    if (i < 0 || old === undefined || old === kind) return;
    this.kinds[i] = kind;
    this.counts[old]--;
    this.counts[kind]++;
    if ((old === 'plugin') === (kind === 'plugin')) return;
    const at = firstAtLeast(this.shown, abs);
    if (kind === 'plugin') this.shown.splice(at, 1);
    else this.shown.splice(at, 0, abs);
  }

  private trimTo(max: number): void {
    const extra = this.lines.length - max;
    this.lines.splice(0, extra);
    for (const k of this.kinds.splice(0, extra)) this.counts[k]--;
    this.dropped += extra;
    this.shown.splice(0, firstAtLeast(this.shown, this.dropped));
  }
}

/** The position of the first element ≥ `value` in an ascending array. */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A line split around the matches of `query`, for highlighting. */
export function highlightParts(line: string, query: string): Array<{ text: string; match: boolean }> {
  if (query === '') return [{ text: line, match: false }];
  const parts: Array<{ text: string; match: boolean }> = [];
  const lower = line.toLowerCase();
  const q = query.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, at)) {
    if (i > at) parts.push({ text: line.slice(at, i), match: false });
    parts.push({ text: line.slice(i, i + q.length), match: true });
    at = i + q.length;
  }
  if (at < line.length) parts.push({ text: line.slice(at), match: false });
  return parts;
}
