import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { LineBuffer } from './line-buffer';
import { logRows, searchRows } from './log-rows';

const SAMPLE = readFileSync(path.join(__dirname, '..', 'interlink', 'fixtures', 'logs', 'vega-vk-succeeded.log'), 'utf8');

describe('logRows', () => {
  it('shows every kept line, or all but the wrapper lines, with their kinds', () => {
    const b = new LineBuffer();
    b.append(SAMPLE);
    b.append('unfinished');
    const all = logRows(b, false);
    const shown = logRows(b, true);
    expect(all.length).toBe(b.length);
    expect([all.line(1), all.kind(1)]).toEqual([b.line(1), 'plugin']);
    expect([shown.line(1), shown.kind(1)]).toEqual([b.line(9), 'runtime']);
    // The unfinished last line is a row too, and output after the time report makes it the program's.
    expect(shown.length).toBe(b.length - 8);
    expect([shown.line(shown.length - 2), shown.kind(shown.length - 2)]).toEqual(['sys\t0m0.013s', 'output']);
    expect([shown.line(shown.length - 1), shown.kind(shown.length - 1)]).toEqual(['unfinished', 'output']);
  });
});

describe('searchRows', () => {
  it('finds lines case-insensitively', () => {
    const b = new LineBuffer();
    b.append('Alpha\nbeta\nALPHABET\n');
    expect(searchRows(b, false, 'alpha')).toEqual({ rows: [0, 2], hidden: 0 });
    expect(searchRows(b, false, '')).toEqual({ rows: [], hidden: 0 });
  });

  it('searches the rows shown and counts the matches in hidden wrapper lines', () => {
    const b = new LineBuffer();
    b.append(SAMPLE);
    // "main" is in five wrapper lines; in none of the program's.
    expect(searchRows(b, true, 'main')).toEqual({ rows: [], hidden: 5 });
    expect(searchRows(b, false, 'main').rows).toHaveLength(5);
    // Row numbers are those of the view searched.
    const hits = searchRows(b, true, 'token');
    expect(hits).toEqual({ rows: [6], hidden: 0 });
    expect(logRows(b, true).line(6)).toBe('token');
    expect(logRows(b, false).line(searchRows(b, false, 'token').rows[0] ?? -1)).toBe('token');
  });
});
