import type { LineKind } from '@/lib/interlink/jobs/log-lines';

import type { LineBuffer } from './line-buffer';

// The rows the log view shows: every kept line, or all but the plugin's own wrapper lines.
// Search runs over the rows shown (what the reader can scroll to), and says how many more
// matches the hidden lines hold, so a search never jumps to a line that is not there.

export interface LogRows {
  readonly length: number;
  line(row: number): string;
  kind(row: number): LineKind;
}

export interface SearchResult {
  /** The rows (as for `LogRows`) containing the query, in order. */
  rows: number[];
  /** Matches in lines that are kept but hidden. */
  hidden: number;
}

export function logRows(buffer: LineBuffer, hidePlugin: boolean): LogRows {
  if (!hidePlugin) return { length: buffer.length, line: (r) => buffer.line(r), kind: (r) => buffer.kind(r) };
  return {
    length: buffer.shownLength,
    line: (r) => buffer.line(buffer.shownIndex(r)),
    kind: (r) => buffer.kind(buffer.shownIndex(r)),
  };
}

/** Rows whose line contains `query` (case-insensitive). */
export function searchRows(buffer: LineBuffer, hidePlugin: boolean, query: string): SearchResult {
  const result: SearchResult = { rows: [], hidden: 0 };
  if (query === '') return result;
  const q = query.toLowerCase();
  let row = 0;
  for (let i = 0; i < buffer.length; i++) {
    const hidden = hidePlugin && buffer.kind(i) === 'plugin';
    if (buffer.line(i).toLowerCase().includes(q)) {
      if (hidden) result.hidden++;
      else result.rows.push(row);
    }
    if (!hidden) row++;
  }
  return result;
}
