import { describe, expect, it } from 'vitest';

import type { JobView } from '@/lib/interlink/job-view';

import { JobsQuerySchema } from './jobs';
import { queryJobs } from './jobs-query';

function row(name: string, over: Partial<JobView> = {}): JobView {
  return {
    key: `job:alice/${name}`, kind: 'Job', namespace: 'alice', name, uid: null, service: 'svc', origin: 'offload',
    offloaded: true, podName: null, node: 'vega-vk', state: 'Running', reason: 'running in Slurm', slurmJobId: null,
    exitCode: null, submittedAt: null, startedAt: null, finishedAt: null, ...over,
  };
}

const parse = (q: Record<string, string>) => JobsQuerySchema.parse(q);

describe('JobsQuerySchema', () => {
  it('defaults to the newest page', () => {
    expect(parse({})).toMatchObject({ sort: 'submittedAt', order: 'desc', limit: 200, offset: 0 });
  });

  it('names the bad parameter and what is allowed', () => {
    const r = JobsQuerySchema.safeParse({ state: 'Running,Lost', limit: '-1', sort: 'colour' });
    expect(r.success).toBe(false);
    const issues = r.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues).toContainEqual(['state', expect.stringContaining('unknown state "Lost"')]);
    expect(issues).toContainEqual(['limit', 'limit is 0 (all) or more']);
    expect(issues).toContainEqual(['sort', expect.stringContaining('sort by one of')]);
  });

  it('treats empty parameters as absent', () => {
    expect(parse({ namespace: '', state: '', q: ' ' })).toMatchObject({ namespace: undefined, state: undefined, q: undefined });
  });
});

describe('queryJobs', () => {
  const rows = [
    row('a', { submittedAt: '2026-01-01T00:00:00Z', slurmJobId: '9', state: 'Succeeded' }),
    row('b', { submittedAt: '2026-01-03T00:00:00Z', slurmJobId: '10', node: 'lumi-vk' }),
    row('c', { submittedAt: '2026-01-02T00:00:00Z', namespace: 'bob', key: 'job:bob/c', service: 'other' }),
    row('d', { submittedAt: null }),
  ];

  it('sorts newest first with missing values last', () => {
    expect(queryJobs(rows, parse({})).jobs.map((r) => r.name)).toEqual(['b', 'c', 'a', 'd']);
    expect(queryJobs(rows, parse({ order: 'asc' })).jobs.map((r) => r.name)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('sorts Slurm job ids numerically', () => {
    expect(queryJobs(rows, parse({ sort: 'slurmJobId', order: 'asc' })).jobs.map((r) => r.slurmJobId)).toEqual(['9', '10', null, null]);
  });

  it('filters by namespace, service, node, states and text', () => {
    expect(queryJobs(rows, parse({ namespace: 'bob' })).jobs.map((r) => r.name)).toEqual(['c']);
    expect(queryJobs(rows, parse({ service: 'svc', node: 'lumi-vk' })).jobs.map((r) => r.name)).toEqual(['b']);
    expect(queryJobs(rows, parse({ state: 'Succeeded,Failed' })).jobs.map((r) => r.name)).toEqual(['a']);
    expect(queryJobs(rows, parse({ q: 'LUMI' })).jobs.map((r) => r.name)).toEqual(['b']);
  });

  it('pages, and limit=0 returns every match with the total', () => {
    const page = queryJobs(rows, parse({ limit: '2', offset: '1' }));
    expect(page).toMatchObject({ total: 4, offset: 1 });
    expect(page.jobs.map((r) => r.name)).toEqual(['c', 'a']);
    expect(queryJobs(rows, parse({ limit: '0' })).jobs).toHaveLength(4);
  });
});
