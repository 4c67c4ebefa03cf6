import { describe, expect, it } from 'vitest';

import { refetchUntilLoaded } from './refetch';

describe('refetchUntilLoaded', () => {
  it('asks every 5 s while the first answer failed, then as told', () => {
    expect(refetchUntilLoaded(false)({ state: { data: undefined, status: 'error' } })).toBe(5_000);
    expect(refetchUntilLoaded(15_000)({ state: { data: undefined, status: 'error' } })).toBe(5_000);
    expect(refetchUntilLoaded(false)({ state: { data: { items: [] }, status: 'success' } })).toBe(false);
    expect(refetchUntilLoaded(15_000)({ state: { data: { items: [] }, status: 'error' } })).toBe(15_000);
    expect(refetchUntilLoaded(15_000)({ state: { data: undefined, status: 'pending' } })).toBe(15_000);
  });
});
