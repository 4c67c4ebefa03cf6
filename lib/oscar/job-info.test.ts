import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { JOB_STATES } from '@/lib/interlink/jobs/job-state';
import type { JobView } from '@/lib/interlink/jobs/job-view';

import { jobInfo, jobsPage, oscarStatus } from './job-info';

const row = (name: string, over: Partial<JobView> = {}): JobView => ({
  key: `job:alice/${name}`,
  kind: 'Job',
  namespace: 'alice',
  name,
  uid: name,
  service: 'hello',
  origin: 'offload',
  offloaded: true,
  podName: null,
  node: 'vega-vk',
  state: 'Succeeded',
  reason: '',
  slurmJobId: null,
  exitCode: 0,
  submittedAt: '2026-03-01T10:00:00.123Z',
  startedAt: '2026-03-01T10:00:05Z',
  finishedAt: null,
  ...over,
});

describe('oscarStatus', () => {
  it("names every Offload state with one of OSCAR's pod phases (or Suspended)", () => {
    expect(JOB_STATES.map(oscarStatus)).toEqual([
      'Pending',
      'Pending',
      'Running',
      'Succeeded',
      'Failed',
      'Failed',
      'Failed',
      'Suspended',
      'Failed',
      'Unknown',
    ]);
    expect(JOB_STATES).toEqual([
      'WaitingForNode',
      'Queued',
      'Running',
      'Succeeded',
      'Failed',
      'TimedOut',
      'OutOfMemory',
      'Cancelled',
      'SubmissionFailed',
      'Unknown',
    ]);
  });
});

describe('jobInfo', () => {
  it('writes times as metav1.Time does (whole seconds) and leaves out the unknown ones', () => {
    expect(jobInfo(row('a'))).toEqual({ status: 'Succeeded', creation_time: '2026-03-01T10:00:00Z', start_time: '2026-03-01T10:00:05Z' });
  });
});

describe('jobsPage', () => {
  it('pages through every job exactly once, newest first, however many there are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 9 }), (count, size) => {
        const rows = Array.from({ length: count }, (_, i) => row(`job-${i}`));
        const seen: string[] = [];
        let page: string | undefined;
        for (let n = 0; n <= count; n++) {
          const p = jobsPage(rows, page, size);
          seen.push(...Object.keys(p.jobs));
          expect(p.remaining_jobs).toBe(count - seen.length);
          if (p.next_page === '') break;
          page = p.next_page;
        }
        expect(seen).toEqual(rows.map((r) => r.name));
      }),
    );
  });

  it('continues after the last job shown even when newer jobs arrived in between', () => {
    const rows = ['c', 'b', 'a'].map((n) => row(n));
    const first = jobsPage(rows, undefined, 2);
    expect(Object.keys(first.jobs)).toEqual(['c', 'b']);
    expect(Object.keys(jobsPage([row('d'), ...rows], first.next_page, 2).jobs)).toEqual(['a']);
  });
});
