import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { slurmTimeText } from '../../../scripts/lib/arbitraries/sinfo.ts';
import { parseSlurmTimeLimit } from './slurm-time';

describe('parseSlurmTimeLimit', () => {
  it('reads what sinfo prints', () => {
    expect(parseSlurmTimeLimit('30:00')).toEqual({ kind: 'duration', text: '30:00', seconds: 1_800 });
    expect(parseSlurmTimeLimit('2:00:00')).toEqual({ kind: 'duration', text: '2:00:00', seconds: 7_200 });
    expect(parseSlurmTimeLimit('1-00:00:00')).toEqual({ kind: 'duration', text: '1-00:00:00', seconds: 86_400 });
    expect(parseSlurmTimeLimit('7-12:30:15')).toEqual({
      kind: 'duration',
      text: '7-12:30:15',
      seconds: 7 * 86_400 + 12 * 3_600 + 30 * 60 + 15,
    });
  });

  it('reads the rest of Slurm time syntax: M, D-H, D-H:M', () => {
    expect(parseSlurmTimeLimit('90')).toMatchObject({ seconds: 5_400 });
    expect(parseSlurmTimeLimit('1-12')).toMatchObject({ seconds: 86_400 + 12 * 3_600 });
    expect(parseSlurmTimeLimit('1-12:30')).toMatchObject({ seconds: 86_400 + 12 * 3_600 + 30 * 60 });
  });

  it('calls infinite and UNLIMITED no limit, in any case', () => {
    for (const text of ['infinite', 'UNLIMITED', 'Unlimited', 'INFINITE'])
      expect(parseSlurmTimeLimit(text)).toEqual({ kind: 'unlimited', text });
  });

  it('keeps anything else as text', () => {
    for (const text of ['n/a', '', '1:2:3:4', '-1', '1h', '12-', 'NOT_SET', '9'.repeat(30)])
      expect(parseSlurmTimeLimit(text)).toEqual({ kind: 'unknown', text });
  });

  it('reads back every duration sinfo can print', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 * 86_400 }), (seconds) => {
        const text = slurmTimeText(seconds);
        expect(parseSlurmTimeLimit(text)).toEqual({ kind: 'duration', text, seconds });
      }),
    );
  });

  it('never throws and keeps the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(parseSlurmTimeLimit(text).text).toBe(text);
      }),
    );
  });
});
