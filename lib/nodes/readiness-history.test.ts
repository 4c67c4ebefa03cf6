import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ReadinessHistory } from './readiness-history';

const START = '2026-01-01T10:00:00.000Z';

describe('ReadinessHistory', () => {
  it('records changes only', () => {
    const h = new ReadinessHistory(START);
    expect(h.observe('vk', true, null, START)).toBe(true);
    expect(h.observe('vk', true, null, '2026-01-01T10:00:30.000Z')).toBe(false);
    expect(h.observe('vk', false, 'interLink API unreachable: Ping failed', '2026-01-01T10:01:00.000Z')).toBe(true);
    expect(h.observe('vk', false, 'interLink API unreachable: Ping failed', '2026-01-01T10:01:30.000Z')).toBe(false);
    expect(h.of('vk').entries.map((e) => e.healthy)).toEqual([true, false]);
    expect(h.of('vk').label).toBe(`Since this server started at ${START}.`);
  });

  it('says since when a node is down, and whether that is exact', () => {
    const h = new ReadinessHistory(START);
    h.observe('a', true, null, START);
    h.observe('a', false, 'x', '2026-01-01T10:05:00.000Z');
    h.observe('a', false, 'y', '2026-01-01T10:06:00.000Z');
    expect(h.downSince('a')).toEqual({ at: '2026-01-01T10:05:00.000Z', exact: true });
    h.observe('b', false, 'x', START);
    expect(h.downSince('b')).toEqual({ at: START, exact: false });
    h.observe('a', true, null, '2026-01-01T10:07:00.000Z');
    expect(h.downSince('a')).toBeNull();
  });

  it('adds node-controller Events from before the server started, once each', () => {
    const h = new ReadinessHistory(START);
    h.observe('vk', true, null, START);
    const event = {
      metadata: { uid: 'e1' },
      involvedObject: { kind: 'Node', name: 'vk' },
      reason: 'NodeNotReady',
      message: 'Node vk status is now: NodeNotReady',
      lastTimestamp: '2026-01-01T09:50:00Z',
    };
    expect(h.addEvent(event)).toBe(true);
    expect(h.addEvent(event)).toBe(false);
    expect(h.addEvent({ ...event, reason: 'Scheduled' })).toBe(false);
    expect(h.addEvent({ ...event, metadata: { uid: 'e2' }, lastTimestamp: '2026-01-01T10:02:00Z' })).toBe(true);
    const history = h.of('vk');
    // The later Event overlaps the watched period and is left out.
    expect(history.entries.map((e) => `${e.source}:${e.healthy}`)).toEqual(['event:false', 'observed:true']);
    expect(history.since).toBe('2026-01-01T09:50:00.000Z');
    expect(history.label).toContain('Kubernetes Events');
  });
});

describe('ReadinessHistory after a restart', () => {
  const event = (uid: string, reason: string, at: string) => ({
    metadata: { uid },
    involvedObject: { kind: 'Node', name: 'vk' },
    reason,
    message: `Node vk status is now: ${reason}`,
    lastTimestamp: at,
  });

  it("rebuilds the past from the records (the controller's NotReady, Offload's NotReady and Ready), one entry per change", () => {
    const h = new ReadinessHistory(START);
    h.addEvent(event('c1', 'NodeNotReady', '2026-01-01T09:50:02Z'));
    h.addEvent(event('o1', 'NodeNotReady', '2026-01-01T09:50:00Z'));
    h.addEvent(event('o2', 'NodeNotReady', '2026-01-01T09:50:01Z'));
    h.addEvent(event('o3', 'NodeReady', '2026-01-01T09:51:00Z'));
    h.observe('vk', true, null, START);
    expect(h.of('vk').entries.map((e) => `${e.at} ${e.healthy}`)).toEqual([
      '2026-01-01T09:50:00.000Z false',
      '2026-01-01T09:51:00.000Z true',
    ]);
    expect(h.downSince('vk')).toBeNull();
  });

  it('keeps entries in time order and never two of the same state in a row, whatever the records', () => {
    const record = fc.record({
      ready: fc.boolean(),
      second: fc.integer({ min: 0, max: 3_600 }),
      kind: fc.constantFrom('event', 'observed'),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const h = new ReadinessHistory(START);
        records.forEach((r, i) => {
          const at = new Date(Date.parse(START) - 3_600_000 + r.second * 1000).toISOString();
          if (r.kind === 'event') h.addEvent(event(`e${i}`, r.ready ? 'NodeReady' : 'NodeNotReady', at));
          else h.observe('vk', r.ready, r.ready ? null : 'down', new Date(Date.parse(START) + r.second * 1000).toISOString());
        });
        const entries = h.of('vk').entries;
        entries.forEach((e, i) => {
          const prev = entries[i - 1];
          if (prev === undefined) return;
          expect(prev.at <= e.at).toBe(true);
          expect(prev.healthy).not.toBe(e.healthy);
        });
      }),
    );
  });
});
