import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { count, noun } from './plural';

describe('count', () => {
  it('says one in the singular and every other number in the plural', () => {
    expect(count(1, 'job')).toBe('1 job');
    expect(count(0, 'job')).toBe('0 jobs');
    expect(count(2, 'job')).toBe('2 jobs');
    expect(count(10_000, 'line')).toBe('10,000 lines');
    expect(count(1, 'retry', 'retries')).toBe('1 retry');
    expect(count(3, 'retry', 'retries')).toBe('3 retries');
  });

  it('uses the singular only for exactly one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => {
        expect(noun(n, 'node')).toBe(n === 1 ? 'node' : 'nodes');
        expect(count(n, 'node').endsWith(n === 1 ? ' node' : ' nodes')).toBe(true);
      }),
    );
  });
});
