import { describe, expect, it } from 'vitest';

import { figure, markdownTable, medianAndP95, meets, missed, round } from './results.ts';

describe('target evaluation', () => {
  it('checks an absolute bound', () => {
    expect(meets(25, null, { text: '≤ 25 ms', max: 25 })).toBe(true);
    expect(meets(25.1, null, { text: '≤ 25 ms', max: 25 })).toBe(false);
  });

  it('checks a ratio to the reference and every part of a combined target', () => {
    const t = { text: '≤ 25 ms and ≥ 20× faster', max: 25, maxRatio: 1 / 20 };
    expect(meets(10, 200, t)).toBe(true);
    expect(meets(10, 199, t)).toBe(false); // 19.9× only
    expect(meets(30, 10_000, t)).toBe(false); // fast enough relatively, too slow absolutely
  });

  it('is not met when the reference it needs is missing', () => {
    expect(meets(1, null, { text: 'faster than the LIST', belowReference: true })).toBe(false);
    expect(meets(1, null, { text: 'same count', equalsReference: true })).toBe(false);
    expect(meets(1, 0, { text: '20×', maxRatio: 0.05 })).toBe(false);
  });

  it('checks equality and strictly-below', () => {
    expect(meets(8, 8, { text: 'same', equalsReference: true })).toBe(true);
    expect(meets(9, 8, { text: 'same', equalsReference: true })).toBe(false);
    expect(meets(8, 8, { text: 'faster', belowReference: true })).toBe(false);
    expect(meets(7, 8, { text: 'faster', belowReference: true })).toBe(true);
  });

  it('refuses a target that checks nothing', () => {
    expect(() => meets(1, null, { text: 'nothing' })).toThrow();
  });
});

describe('figures', () => {
  it('are shaped for latest.json, with the ratio value ÷ reference', () => {
    const f = figure({
      name: 'x',
      value: 12.3456,
      unit: 'ms',
      reference: { name: 'LIST', value: 600 },
      target: { text: '≤ 25 ms', max: 25 },
      samples: 100,
    });
    expect(f).toEqual({
      name: 'x',
      value: 12.35,
      unit: 'ms',
      reference: 600,
      referenceName: 'LIST',
      ratio: 0.02058,
      target: '≤ 25 ms',
      met: true,
      samples: 100,
    });
  });

  it('have no target verdict without a target', () => {
    const f = figure({ name: 'y', value: 3, unit: 'MB' });
    expect(f.met).toBeNull();
    expect(f.target).toBeNull();
    expect(f.ratio).toBeNull();
  });

  it('refuse a value that was not measured', () => {
    expect(() => figure({ name: 'z', value: Number.NaN, unit: 'ms' })).toThrow(/not measured/);
    expect(() => figure({ name: 'z', value: 1, unit: 'ms', reference: { name: 'r', value: Number.NaN } })).toThrow(/reference/);
  });

  it('put the target on the p95 and compare each with the same statistic of the reference', () => {
    const figures = medianAndP95(
      { name: 'GET', unit: 'ms', target: { text: '≤ 25 ms', max: 25 } },
      { median: 5, p95: 30, n: 50 },
      { name: 'LIST', median: 500, p95: 900 },
    );
    expect(figures[0]).toMatchObject({ name: 'GET (median)', reference: 500, met: null, samples: 50 });
    expect(figures[1]).toMatchObject({ name: 'GET (p95)', reference: 900, met: false, target: '≤ 25 ms' });
    expect(missed(figures).map((f) => f.name)).toEqual(['GET (p95)']);
  });

  it('round to four significant digits', () => {
    expect(round(1234.567)).toBe(1235);
    expect(round(0.000123456)).toBe(0.0001235);
    expect(round(0)).toBe(0);
  });
});

describe('the markdown table', () => {
  it('has one row per figure and shows misses in bold', () => {
    const table = markdownTable([
      figure({ name: 'a', value: 2, unit: 'ms', reference: { name: 'LIST', value: 100 }, target: { text: '≤ 25 ms', max: 25 } }),
      figure({ name: 'b', value: 500, unit: 'MB', target: { text: '≤ 400 MB', max: 400 } }),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('| a | 2 ms | 100 ms (LIST) | 0.02 (50× less) | ≤ 25 ms | yes |');
    expect(lines[3]).toContain('**no**');
  });
});
