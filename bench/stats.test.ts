import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { percentile, summarize } from './stats.ts';

describe('percentile (nearest rank)', () => {
  it('gives the textbook values', () => {
    const xs = [15, 20, 35, 40, 50];
    expect(percentile(xs, 50)).toBe(35);
    expect(percentile(xs, 95)).toBe(50);
    expect(percentile(xs, 30)).toBe(20);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => 20 - i),
        95,
      ),
    ).toBe(19);
  });

  it('refuses to summarise nothing: a figure is never invented', () => {
    expect(() => percentile([], 50)).toThrow(/not taken/);
    expect(() => summarize([])).toThrow();
    expect(() => summarize([1, Number.NaN])).toThrow();
  });

  it('is always a measured sample, between min and max, and p95 ≥ median', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = summarize(xs);
        expect(xs).toContain(s.median);
        expect(xs).toContain(s.p95);
        expect(s.median).toBeLessThanOrEqual(s.p95);
        expect(s.min).toBeLessThanOrEqual(s.median);
        expect(s.p95).toBeLessThanOrEqual(s.max);
        // At least 95% of the samples are at or below the p95.
        expect(xs.filter((x) => x <= s.p95).length).toBeGreaterThanOrEqual(Math.ceil(0.95 * xs.length));
      }),
    );
  });
});
