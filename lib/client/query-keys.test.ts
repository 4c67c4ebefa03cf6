import { describe, expect, it } from 'vitest';

import { queryKeys, refetchUntilLoaded } from './query-keys';

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((part, i) => JSON.stringify(key[i]) === JSON.stringify(part));

describe('queryKeys', () => {
  it('builds the documented shapes', () => {
    expect(queryKeys.nodes.list()).toEqual(['nodes', 'list']);
    expect(queryKeys.jobs.list({ namespace: 'ns', service: 'svc', node: 'vega-vk', state: 'Queued' })).toEqual([
      'jobs',
      'list',
      { namespace: 'ns', service: 'svc', node: 'vega-vk', state: 'Queued' },
    ]);
    expect(queryKeys.jobs.detail('ns', 'job-1')).toEqual(['jobs', 'detail', 'ns', 'job-1']);
  });

  it('nests keys so a prefix invalidates a family', () => {
    expect(startsWith(queryKeys.jobs.list({ state: 'Running' }), queryKeys.jobs.lists())).toBe(true);
    expect(startsWith(queryKeys.jobs.lists(), queryKeys.jobs.all())).toBe(true);
    expect(startsWith(queryKeys.jobs.detail('a', 'b'), queryKeys.jobs.details())).toBe(true);
    expect(startsWith(queryKeys.nodes.detail('n'), queryKeys.nodes.all())).toBe(true);
    expect(startsWith(queryKeys.nodes.list(), queryKeys.jobs.all())).toBe(false);
    expect(startsWith(queryKeys.services.detail('alice', 'svc'), queryKeys.services.all())).toBe(true);
    expect(startsWith(queryKeys.services.list('alice'), queryKeys.services.all())).toBe(true);
  });

  it('gives unset and empty filters the same key', () => {
    expect(queryKeys.jobs.list()).toEqual(queryKeys.jobs.list({ namespace: '', node: undefined }));
  });
});

describe('refetchUntilLoaded', () => {
  it('asks every 5 s while the first answer failed, then as told', () => {
    expect(refetchUntilLoaded(false)({ state: { data: undefined, status: 'error' } })).toBe(5_000);
    expect(refetchUntilLoaded(15_000)({ state: { data: undefined, status: 'error' } })).toBe(5_000);
    expect(refetchUntilLoaded(false)({ state: { data: { items: [] }, status: 'success' } })).toBe(false);
    expect(refetchUntilLoaded(15_000)({ state: { data: { items: [] }, status: 'error' } })).toBe(15_000);
    expect(refetchUntilLoaded(15_000)({ state: { data: undefined, status: 'pending' } })).toBe(15_000);
  });
});
