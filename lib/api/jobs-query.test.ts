import { describe, expect, it } from 'vitest';

import type { JobView } from '@/lib/interlink/jobs/job-view';

import { JobsQuerySchema } from './jobs';
import { compareJobs, matchesJob, pageOf, queryJobs } from './jobs-query';

function row(name: string, over: Partial<JobView> = {}): JobView {
  return {
    key: `job:alice/${name}`,
    kind: 'Job',
    namespace: 'alice',
    name,
    uid: null,
    service: 'svc',
    origin: 'offload',
    offloaded: true,
    podName: null,
    node: 'vega-vk',
    state: 'Running',
    reason: 'running in Slurm',
    slurmJobId: null,
    exitCode: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    ...over,
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

describe('pageOf (rows already in order)', () => {
  const rows = Array.from({ length: 30 }, (_, i) =>
    row(`j${String(i).padStart(2, '0')}`, {
      submittedAt: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
      state: i % 3 === 0 ? 'Failed' : 'Running',
      slurmJobId: i % 5 === 0 ? null : String(100 - i),
    }),
  );

  const queries = [
    parse({}),
    parse({ offset: '25' }),
    parse({ state: 'Failed', limit: '3', offset: '2' }),
    parse({ q: 'J1', limit: '0' }),
    parse({ sort: 'slurmJobId', order: 'asc', limit: '7', offset: '20' }),
  ];

  it('gives what queryJobs gives once the rows are sorted', () => {
    for (const q of queries) {
      const sorted = [...rows].sort(compareJobs(q.sort, q.order));
      expect(pageOf(sorted, q)).toEqual(queryJobs(rows, q));
    }
  });

  it("applies the caller's visibility like a filter, with or without other filters", () => {
    const keep = (r: JobView) => Number(r.name.slice(1)) % 2 === 0;
    for (const q of queries) {
      const sorted = [...rows].sort(compareJobs(q.sort, q.order));
      expect(pageOf(sorted, q, keep)).toEqual(queryJobs(rows.filter(keep), q));
    }
  });
});

describe('matchesJob text search', () => {
  it('matches within a field, case-insensitively, never across two fields', () => {
    const text = (q: string) => ({ namespace: undefined, service: undefined, node: undefined, state: undefined, q });
    const r = row('train-42', { node: 'vega-vk', reason: 'Running in Slurm' });
    expect(matchesJob(r, text('TRAIN'))).toBe(true);
    expect(matchesJob(r, text('in slurm'))).toBe(true);
    expect(matchesJob(r, text('42alice'))).toBe(false);
    expect(matchesJob(r, text('train-42\u0000alice'))).toBe(false);
    // A new row object (a change) is searched by its own text.
    expect(matchesJob({ ...r, name: 'other' }, text('train'))).toBe(false);
  });

  it('sorts a non-numeric Slurm id as missing, so the order stays total', () => {
    const a = row('a', { slurmJobId: 'x' });
    const b = row('b', { slurmJobId: 'y' });
    const c = compareJobs('slurmJobId', 'desc');
    expect(Math.sign(c(a, b))).toBe(-Math.sign(c(b, a)));
  });
});
