import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { rowSlots, visibleRows } from './visible-rows';

describe('visibleRows', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(visibleRows(0, 440, 44, 10_000, 5)).toEqual({ first: 0, end: 15 });
    expect(visibleRows(44 * 100, 440, 44, 10_000, 5)).toEqual({ first: 95, end: 115 });
    // Scrolled to the very end: the last row is rendered.
    expect(visibleRows(44 * 10_000 + 40 - 440, 440, 44, 10_000, 5, 40).end).toBe(10_000);
    expect(visibleRows(0, 440, 44, 0, 5)).toEqual({ first: 0, end: 0 });
  });

  it('always covers every row that intersects the viewport, and stays in bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 60 }),
        (count, scrollTop, viewport, overscan, offset) => {
          const h = 44;
          const w = visibleRows(scrollTop, viewport, h, count, overscan, offset);
          expect(0).toBeLessThanOrEqual(w.first);
          expect(w.first).toBeLessThanOrEqual(w.end);
          expect(w.end).toBeLessThanOrEqual(count);
          for (let i = 0; i < count; i++) {
            const rowTop = offset + i * h;
            const inView = rowTop < scrollTop + viewport && rowTop + h > scrollTop;
            if (inView) expect(i >= w.first && i < w.end).toBe(true);
          }
        },
      ),
    );
  });

  it('fits rowSlots, so rows keyed by index modulo the slots are distinct and a scroll step reuses the slots of the rows it drops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 60 }),
        (top, viewport, step, overscan, offset) => {
          const h = 44;
          const count = 1_000;
          const slots = rowSlots(viewport, h, overscan);
          const keys = (t: number) => {
            const w = visibleRows(t, viewport, h, count, overscan, offset);
            expect(w.end - w.first).toBeLessThanOrEqual(slots);
            const k = new Set<number>();
            for (let i = w.first; i < w.end; i++) k.add(i % slots);
            expect(k.size).toBe(w.end - w.first);
            return k;
          };
          const before = keys(top);
          const after = keys(top + step);
          // Away from the list's ends a window fills all slots but at most one, so the rows a
          // step brings in find all but at most one slot left by the rows it drops.
          const inMiddle = top > offset + (overscan + 1) * h && top + step + viewport < offset + (count - overscan - 1) * h;
          if (!inMiddle) return;
          expect(before.size).toBeGreaterThanOrEqual(slots - 1);
          expect([...after].filter((k) => !before.has(k)).length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
