import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyStreamMessage, applyStreamMessages, listFromSnapshot, type CachedList } from './events-reducer';
import { objectKey, type StreamMessage, type WatchEvent } from '@/lib/api/watch-events';

interface Obj {
  metadata: { namespace: string; name: string; resourceVersion: string };
  v: number;
}

const obj = (name: string, v: number, rv = String(v)): Obj => ({ metadata: { namespace: 'ns', name, resourceVersion: rv }, v });
const ev = (id: number, type: WatchEvent<Obj>['type'], o: Obj): WatchEvent<Obj> => ({
  id,
  kind: 'job',
  type,
  key: objectKey(o),
  resourceVersion: o.metadata.resourceVersion,
  object: o,
});
const snap = (id: number, items: Obj[]): StreamMessage<Obj> => ({ kind: 'job', type: 'SNAPSHOT', id, items });
const start = (items: Obj[] = [obj('a', 1)], id = 10) => listFromSnapshot({ kind: 'job', type: 'SNAPSHOT', id, items }, objectKey);
const apply = (state: CachedList<Obj> | undefined, m: StreamMessage<Obj>) => applyStreamMessage(state, m, objectKey);
const values = (state: CachedList<Obj> | undefined) => state?.items.map((i) => `${i.metadata.name}:${i.v}`);

describe('applyStreamMessage', () => {
  it('adds, modifies in place and deletes', () => {
    let s = apply(start([obj('a', 1), obj('b', 1)]), ev(11, 'ADDED', obj('c', 1)));
    s = apply(s, ev(12, 'MODIFIED', obj('a', 2)));
    s = apply(s, ev(13, 'DELETED', obj('b', 1)));
    expect(values(s)).toEqual(['a:2', 'c:1']);
    expect(s?.lastId).toBe(13);
  });

  it('ignores a duplicate delivery', () => {
    const s1 = apply(start(), ev(11, 'MODIFIED', obj('a', 2)));
    expect(apply(s1, ev(11, 'MODIFIED', obj('a', 2)))).toBe(s1);
  });

  it('does not let an older event regress a key', () => {
    const s1 = apply(start(), ev(12, 'MODIFIED', obj('a', 3)));
    expect(apply(s1, ev(11, 'MODIFIED', obj('a', 2)))).toBe(s1);
    expect(values(s1)).toEqual(['a:3']);
  });

  it('does not resurrect a deleted key with a late older event', () => {
    const s1 = apply(start(), ev(12, 'DELETED', obj('a', 1)));
    expect(apply(s1, ev(11, 'MODIFIED', obj('a', 2)))).toBe(s1);
    expect(values(s1)).toEqual([]);
  });

  it('ignores events already contained in the snapshot', () => {
    const s = start([obj('a', 5)], 20);
    expect(apply(s, ev(19, 'ADDED', obj('z', 1)))).toBe(s);
    expect(apply(s, ev(20, 'MODIFIED', obj('a', 4)))).toBe(s);
  });

  it('treats DELETED of an unknown key as a no-op on the list', () => {
    const s = start();
    const after = apply(s, ev(12, 'DELETED', obj('ghost', 1)));
    expect(after?.items).toBe(s.items);
    // ...but remembers it, so the out-of-order ADDED that preceded it stays ignored.
    expect(apply(after, ev(11, 'ADDED', obj('ghost', 1)))).toBe(after);
  });

  it('upserts a MODIFIED for a key it has not seen', () => {
    expect(values(apply(start(), ev(11, 'MODIFIED', obj('b', 1))))).toEqual(['a:1', 'b:1']);
  });

  it('keeps the held object when the resourceVersion is unchanged', () => {
    const s1 = apply(start(), ev(11, 'MODIFIED', obj('a', 2, 'rv-2')));
    const s2 = apply(s1, ev(12, 'MODIFIED', obj('a', 3, 'rv-2')));
    expect(s2?.items).toBe(s1?.items);
    expect(s2?.lastId).toBe(12);
  });

  it('replaces everything on SNAPSHOT, even with a lower id (restarted server)', () => {
    const s1 = apply(start([obj('a', 1)], 500), ev(501, 'ADDED', obj('b', 1)));
    const s2 = apply(s1, snap(3, [obj('c', 1)]));
    expect(values(s2)).toEqual(['c:1']);
    expect(s2?.floor).toBe(3);
    expect(values(apply(s2, ev(4, 'ADDED', obj('d', 1))))).toEqual(['c:1', 'd:1']);
  });

  it('ignores other kinds, and events before any snapshot', () => {
    const s = start();
    expect(apply(s, { ...ev(11, 'ADDED', obj('b', 1)), kind: 'pod' })).toBe(s);
    expect(apply(s, { ...snap(1, []), kind: 'node' })).toBe(s);
    expect(apply(undefined, ev(1, 'ADDED', obj('b', 1)))).toBeUndefined();
    expect(values(apply(undefined, snap(1, [obj('b', 1)])))).toEqual(['b:1']);
  });

  it('never modifies its input', () => {
    const s = start([obj('a', 1), obj('b', 1)]);
    const frozenItems = [...s.items];
    const frozenSeen = new Map(s.seen);
    applyStreamMessages(s, [ev(11, 'MODIFIED', obj('a', 2)), ev(12, 'DELETED', obj('b', 1))], objectKey);
    expect(s.items).toEqual(frozenItems);
    expect(s.seen).toEqual(frozenSeen);
  });

  it('ends in the in-order result whatever the delivery order and duplicates', () => {
    const op = fc.record({
      name: fc.constantFrom('a', 'b', 'c', 'd'),
      type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED') as fc.Arbitrary<WatchEvent<Obj>['type']>,
    });
    const scenario = fc.array(op, { minLength: 1, maxLength: 25 }).chain((ops) => {
      const events = ops.map((o, i) => ev(11 + i, o.type, obj(o.name, i)));
      const delivery = fc
        .array(fc.constantFrom(...events), { maxLength: 15 })
        .chain((dups) => fc.shuffledSubarray([...events, ...dups], { minLength: events.length + dups.length }));
      return fc.tuple(fc.constant(events), delivery);
    });
    fc.assert(
      fc.property(scenario, ([events, delivered]) => {
        const sorted = (s: CachedList<Obj> | undefined) => [...(values(s) ?? [])].sort();
        const inOrder = applyStreamMessages(start([obj('a', -1)]), events, objectKey);
        const shuffled = applyStreamMessages(start([obj('a', -1)]), delivered, objectKey);
        expect(sorted(shuffled)).toEqual(sorted(inOrder));
      }),
    );
  });
});
