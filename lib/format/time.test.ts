import { describe, expect, it } from 'vitest';

import { ago, formatClock, formatDuration, formatExactDuration, secondsSince } from './time';

const NOW = Date.parse('2026-11-29T14:00:00Z');

describe('time wording', () => {
  it('formats durations at a readable precision', () => {
    expect([0, 45, 60, 125, 3600, 3900, 86_400, 90_000].map(formatDuration)).toEqual([
      '0 s',
      '45 s',
      '1 min',
      '2 min',
      '1 h',
      '1 h 5 min',
      '1 d',
      '1 d 1 h',
    ]);
  });

  it('formats limits exactly, every unit that is not zero', () => {
    expect([0, 45, 1_800, 7_200, 86_400, 86_400 + 12 * 3_600 + 30 * 60 + 15, 7 * 86_400 + 60].map(formatExactDuration)).toEqual([
      '0 s',
      '45 s',
      '30 min',
      '2 h',
      '1 d',
      '1 d 12 h 30 min 15 s',
      '7 d 1 min',
    ]);
  });

  it('counts seconds since a time, never below zero', () => {
    expect(secondsSince('2026-11-29T13:59:30Z', NOW)).toBe(30);
    expect(secondsSince('2026-11-29T14:00:05Z', NOW)).toBe(0);
    expect(secondsSince(null, NOW)).toBeNull();
    expect(ago('2026-11-29T13:58:00Z', NOW)).toBe('2 min ago');
  });

  it('shows the clock for today and the date otherwise', () => {
    expect(formatClock('2026-11-29T13:58:07Z', NOW)).toBe('13:58:07 UTC');
    expect(formatClock('2026-11-28T13:58:07Z', NOW)).toBe('28 Nov 13:58 UTC');
  });
});
