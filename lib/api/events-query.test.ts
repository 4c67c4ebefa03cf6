import { describe, expect, it } from 'vitest';

import { EventsQuerySchema, parseEventsQuery } from './events-query';

describe('GET /api/events parameters', () => {
  it('streams nodes by default and narrows the job stream to one job on request', () => {
    expect(parseEventsQuery('http://x/api/events')).toEqual({ kinds: ['node'], job: undefined });
    expect(parseEventsQuery('http://x/api/events?kinds=job&job=alice%2Fmy-job.v2')).toEqual({
      kinds: ['job'],
      job: { namespace: 'alice', name: 'my-job.v2' },
    });
  });

  it('refuses a job that is not <namespace>/<name>, naming the field', () => {
    for (const job of ['alice', '/x', 'alice/', 'Alice/x', 'alice/x/y']) {
      const r = EventsQuerySchema.safeParse({ kinds: 'job', job });
      expect(r.success, job).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['job']);
    }
  });
});
