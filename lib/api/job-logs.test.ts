import { describe, expect, it } from 'vitest';

import { jobLogsUrl } from '@/lib/client/jobs';

import { JobLogsQuerySchema } from './job-logs';

describe('JobLogsQuerySchema', () => {
  it('reads flags and numbers from the query string', () => {
    expect(JobLogsQuerySchema.parse({ follow: 'true', tailLines: '100' })).toMatchObject({
      follow: true,
      timestamps: false,
      download: false,
      tailLines: 100,
    });
  });

  it('refuses the combinations the API server refuses, naming the second field', () => {
    const both = JobLogsQuerySchema.safeParse({ tailLines: '1', limitBytes: '2' });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]?.path).toEqual(['limitBytes']);
    const since = JobLogsQuerySchema.safeParse({ sinceSeconds: '1', sinceTime: '2025-01-01T00:00:00Z' });
    expect(since.error?.issues[0]?.path).toEqual(['sinceTime']);
  });

  it('refuses nonsense values', () => {
    expect(JobLogsQuerySchema.safeParse({ tailLines: '-1' }).success).toBe(false);
    expect(JobLogsQuerySchema.safeParse({ follow: 'maybe' }).success).toBe(false);
    expect(JobLogsQuerySchema.safeParse({ sinceTime: 'yesterday' }).success).toBe(false);
  });
});

describe('jobLogsUrl', () => {
  it('leaves out what is unset or false', () => {
    expect(jobLogsUrl('alice', 'j-1', { follow: false, tailLines: 10 })).toBe('/api/jobs/alice/j-1/logs?tailLines=10');
    expect(jobLogsUrl('alice', 'j-1', {})).toBe('/api/jobs/alice/j-1/logs');
  });
});
