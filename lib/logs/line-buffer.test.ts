import { describe, expect, it } from 'vitest';

import { LineBuffer, highlightParts } from './line-buffer';

describe('LineBuffer', () => {
  it('joins lines split across chunks and keeps the unfinished last line', () => {
    const b = new LineBuffer();
    b.append('hel');
    b.append('lo\nwor');
    expect(b.length).toBe(2);
    expect([b.line(0), b.line(1)]).toEqual(['hello', 'wor']);
    b.append('ld\r\n');
    expect([b.length, b.line(1)]).toEqual([2, 'world']);
  });

  it('keeps at most about maxLines, dropping and counting the oldest', () => {
    const b = new LineBuffer(1_000);
    for (let i = 0; i < 5_000; i++) b.append(`line ${i}\n`);
    expect(b.length).toBeLessThanOrEqual(1_100);
    expect(b.dropped + b.length).toBe(5_000);
    expect(b.line(b.length - 1)).toBe('line 4999');
  });

  it('takes a 50 MB log in chunks quickly, keeping a bounded window', () => {
    const b = new LineBuffer();
    const chunk = `${'x'.repeat(99)}\n`.repeat(10_000); // 1 MB
    const started = performance.now();
    for (let i = 0; i < 50; i++) b.append(chunk);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(b.dropped + b.length).toBe(500_000);
    expect(b.length).toBeLessThanOrEqual(110_000);
  });

  it('finds lines case-insensitively', () => {
    const b = new LineBuffer();
    b.append('Alpha\nbeta\nALPHABET\n');
    expect(b.search('alpha')).toEqual([0, 2]);
    expect(b.search('')).toEqual([]);
  });
});

describe('highlightParts', () => {
  it('splits around every match, keeping the original case', () => {
    expect(highlightParts('abcABCab', 'ab')).toEqual([
      { text: 'ab', match: true },
      { text: 'c', match: false },
      { text: 'AB', match: true },
      { text: 'C', match: false },
      { text: 'ab', match: true },
    ]);
    expect(highlightParts('plain', '')).toEqual([{ text: 'plain', match: false }]);
  });
});
