// The lines of a log as it arrives in chunks: complete lines plus the unfinished last one,
// capped so that a 50 MB log or a fast writer cannot grow the page without bound (the
// oldest lines are dropped and counted; the download still has everything). Pure, and
// mutable on purpose: appending to a 100,000-line log must not copy it per chunk.

export const DEFAULT_MAX_LINES = 100_000;

export class LineBuffer {
  private readonly lines: string[] = [];
  private partial = '';
  /** Lines dropped from the front to respect the cap. */
  dropped = 0;
  /** Increases with every change, so a view can tell that it must re-render. */
  version = 0;

  constructor(readonly maxLines = DEFAULT_MAX_LINES) {}

  append(text: string): void {
    if (text === '') return;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.lines.push(p.endsWith('\r') ? p.slice(0, -1) : p);
    // Trim in steps of a tenth, so the cost of splice is spread over many appends.
    if (this.lines.length > this.maxLines * 1.1) this.trimTo(this.maxLines);
    this.version++;
  }

  clear(): void {
    this.lines.length = 0;
    this.partial = '';
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

  /** Indices of the lines containing `query` (case-insensitive). */
  search(query: string): number[] {
    if (query === '') return [];
    const q = query.toLowerCase();
    const hits: number[] = [];
    for (let i = 0; i < this.length; i++) if (this.line(i).toLowerCase().includes(q)) hits.push(i);
    return hits;
  }

  private trimTo(max: number): void {
    const extra = this.lines.length - max;
    this.lines.splice(0, extra);
    this.dropped += extra;
  }
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
