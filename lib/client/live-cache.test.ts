import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { listOf, type JobList } from './jobs';
import type { JobViewDto } from '@/lib/api/jobs';
import { applyLiveMessage, applyScopedJobMessage } from './live-cache';
import { queryKeys } from './query-keys';

const row = (name: string, state: JobViewDto['state']): JobViewDto => ({
  key: `job:alice/${name}`,
  kind: 'Job',
  namespace: 'alice',
  name,
  uid: null,
  service: null,
  origin: 'oscar',
  offloaded: true,
  podName: null,
  node: 'vega-vk',
  state,
  reason: '',
  slurmJobId: null,
  exitCode: null,
  submittedAt: null,
  startedAt: null,
  finishedAt: null,
});

describe('applyLiveMessage', () => {
  it('patches the job list through the reducer and marks that job’s detail stale', async () => {
    const client = new QueryClient();
    applyLiveMessage(client, { kind: 'job', type: 'SNAPSHOT', id: 5, items: [row('a', 'Queued')] });
    client.setQueryData(queryKeys.jobs.detail('alice', 'a'), { fetched: true });
    client.setQueryData(queryKeys.jobs.detail('alice', 'b'), { fetched: true });
    applyLiveMessage(client, {
      kind: 'job',
      type: 'MODIFIED',
      id: 6,
      key: 'job:alice/a',
      resourceVersion: 'x',
      object: row('a', 'Running'),
    });
    const list = client.getQueryData<JobList>(queryKeys.jobs.list());
    expect(list?.items.map((r) => r.state)).toEqual(['Running']);
    expect(client.getQueryState(queryKeys.jobs.detail('alice', 'a'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.jobs.detail('alice', 'b'))?.isInvalidated).toBe(false);
  });

  it('leaves the job list alone for node messages', () => {
    const client = new QueryClient();
    applyLiveMessage(client, { kind: 'node', type: 'SNAPSHOT', id: 1, items: [] });
    expect(client.getQueryData(queryKeys.jobs.list())).toBeUndefined();
    expect(client.getQueryData(queryKeys.nodes.list())).toBeDefined();
  });

  it('for a stream narrowed to one job, marks only its detail stale and never replaces the job list', () => {
    const client = new QueryClient();
    applyLiveMessage(client, { kind: 'job', type: 'SNAPSHOT', id: 5, items: [row('a', 'Queued'), row('b', 'Queued')] });
    client.setQueryData(queryKeys.jobs.detail('alice', 'a'), { fetched: true });
    client.setQueryData(queryKeys.jobs.detail('alice', 'b'), { fetched: true });
    const scope = { namespace: 'alice', name: 'a' };
    applyScopedJobMessage(client, scope, { kind: 'job', type: 'SNAPSHOT', id: 9, items: [row('a', 'Running')] });
    applyScopedJobMessage(client, scope, {
      kind: 'job',
      type: 'MODIFIED',
      id: 10,
      key: 'job:alice/a',
      resourceVersion: 'y',
      object: row('a', 'Succeeded'),
    });
    expect(client.getQueryData<JobList>(queryKeys.jobs.list())?.items.map((r) => r.name)).toEqual(['a', 'b']);
    expect(client.getQueryState(queryKeys.jobs.detail('alice', 'a'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.jobs.detail('alice', 'b'))?.isInvalidated).toBe(false);
  });

  it("replaces the first page of jobs with every row when the stream's snapshot arrives", () => {
    const client = new QueryClient();
    const first = listOf({ jobs: [row('c', 'Running')], total: 3, offset: 0, revision: 4 });
    expect(first.partialOf).toBe(3);
    expect(listOf({ jobs: [row('c', 'Running')], total: 1, offset: 0, revision: 4 }).partialOf).toBeUndefined();
    client.setQueryData(queryKeys.jobs.list(), first);
    applyLiveMessage(client, {
      kind: 'job',
      type: 'SNAPSHOT',
      id: 5,
      items: [row('a', 'Queued'), row('b', 'Queued'), row('c', 'Running')],
    });
    const list = client.getQueryData<JobList>(queryKeys.jobs.list());
    expect(list?.partialOf).toBeUndefined();
    expect(list?.items).toHaveLength(3);
  });
});
