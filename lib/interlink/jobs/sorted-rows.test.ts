import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { SortedRows } from './sorted-rows';

interface R {
  key: string;
  v: number | null;
}
// Missing values last, then by key: a total order like the job list's.
const cmp = (a: R, b: R) => (a.v === b.v ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.v === null ? 1 : b.v === null ? -1 : a.v - b.v);

describe('SortedRows', () => {
  it('stays equal to a full sort through any inserts, replacements and removals', () => {
    const op = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      v: fc.option(fc.integer({ min: 0, max: 5 })),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const live = new Map<string, R>();
        const sorted = new SortedRows<R>([], cmp);
        for (const o of ops) {
          const old = live.get(o.key);
          if (old !== undefined) sorted.remove(old);
          if (o.remove) live.delete(o.key);
          else {
            const row = { key: o.key, v: o.v };
            live.set(o.key, row);
            sorted.insert(row);
          }
        }
        expect(sorted.all).toEqual([...live.values()].sort(cmp));
      }),
    );
  });

  it('removes the very row it is given, not an equal-looking one', () => {
    const a = { key: 'a', v: 1 };
    const sorted = new SortedRows<R>([a, { key: 'b', v: 1 }], cmp);
    sorted.remove({ key: 'a', v: 1 });
    expect(sorted.all).toHaveLength(2);
    sorted.remove(a);
    expect(sorted.all.map((r) => r.key)).toEqual(['b']);
  });
});
