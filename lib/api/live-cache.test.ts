import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import type { JobList } from './jobs-client';
import type { JobViewDto } from './jobs';
import { applyLiveMessage } from './live-cache';
import { queryKeys } from './query-keys';

const row = (name: string, state: JobViewDto['state']): JobViewDto => ({
  key: `job:alice/${name}`, kind: 'Job', namespace: 'alice', name, uid: null, service: null, origin: 'oscar', offloaded: true, podName: null,
  node: 'vega-vk', state, reason: '', slurmJobId: null, exitCode: null, submittedAt: null, startedAt: null, finishedAt: null,
});

describe('applyLiveMessage', () => {
  it('patches the job list through the reducer and marks that job’s detail stale', async () => {
    const client = new QueryClient();
    applyLiveMessage(client, { kind: 'job', type: 'SNAPSHOT', id: 5, items: [row('a', 'Queued')] });
    client.setQueryData(queryKeys.jobs.detail('alice', 'a'), { fetched: true });
    client.setQueryData(queryKeys.jobs.detail('alice', 'b'), { fetched: true });
    applyLiveMessage(client, { kind: 'job', type: 'MODIFIED', id: 6, key: 'job:alice/a', resourceVersion: 'x', object: row('a', 'Running') });
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
});
