import { describe, expect, it } from 'vitest';

import { jobSnapshotJson, jobsResponseJson, jobsResponseStream } from './jobs-json';
import { JobsResponseSchema, type JobViewDto } from './jobs';

const row = (name: string, over: Partial<JobViewDto> = {}): JobViewDto => ({
  key: `job:alice/${name}`,
  kind: 'Job',
  namespace: 'alice',
  name,
  uid: 'u',
  service: null,
  origin: 'oscar',
  offloaded: true,
  podName: `${name}-x`,
  node: 'vega-vk',
  state: 'Running',
  reason: 'running "quoted" \\ text',
  slurmJobId: '7',
  exitCode: null,
  submittedAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('jobsResponseJson', () => {
  it('is the JSON of the answer, and a valid answer', () => {
    const r = { jobs: [row('a'), row('b', { exitCode: 3 })], total: 9, offset: 0, revision: 41 };
    const parsed: unknown = JSON.parse(jobsResponseJson(r));
    expect(parsed).toEqual(r);
    expect(JobsResponseSchema.parse(parsed)).toEqual(r);
    expect(JSON.parse(jobsResponseJson({ jobs: [], total: 0, offset: 5, revision: 0 }))).toEqual({
      jobs: [],
      total: 0,
      offset: 5,
      revision: 0,
    });
  });

  it('writes a changed row anew (a change is a new object)', () => {
    const a = row('a');
    expect(jobsResponseJson({ jobs: [a], total: 1, offset: 0, revision: 1 })).toContain('"state":"Running"');
    const changed = { ...a, state: 'Succeeded' as const };
    expect(jobsResponseJson({ jobs: [changed], total: 1, offset: 0, revision: 2 })).toContain('"state":"Succeeded"');
  });

  it('writes the job stream snapshot as the message it is', () => {
    const items = [row('a'), row('b')];
    expect(JSON.parse(jobSnapshotJson({ id: 7, items }))).toEqual({ kind: 'job', type: 'SNAPSHOT', id: 7, items });
  });

  it('streams exactly the same body, whatever the number of rows and chunks', async () => {
    for (const n of [0, 1, 3, 4, 10]) {
      const r = { jobs: Array.from({ length: n }, (_, i) => row(`j${i}`)), total: n + 5, offset: 2, revision: 9 };
      const text = await new Response(jobsResponseStream(r, 3)).text();
      expect(text).toBe(jobsResponseJson(r));
    }
  });
});
