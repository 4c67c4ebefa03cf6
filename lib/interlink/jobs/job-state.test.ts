import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deriveJobState, JOB_STATES } from './job-state';
import type { Job } from '../model/types';
import { bound, done, job, pod, T2 } from '../../../scripts/lib/job-builders.ts';
import { cases } from '../../../scripts/lib/job-state-cases.ts';

describe('deriveJobState', () => {
  it.each(cases)('%s', (_name, j, p, events, state, reason) => {
    const status = deriveJobState(j, p, events);
    expect(status.state).toBe(state);
    if (typeof reason === 'string') expect(status.reason).toBe(reason);
    else expect(status.reason).toMatch(reason);
  });

  it('covers every state in the table', () => {
    expect(new Set(cases.map((c) => c[4]))).toEqual(new Set(JOB_STATES));
  });

  it('fills the facts around the state', () => {
    const p = pod({ phase: 'Failed', ...bound, jobId: ' 4242 ', state: done(3, 'Error: 3') });
    expect(deriveJobState(job(), p)).toEqual({
      state: 'Failed',
      reason: 'Failed with exit code 3.',
      slurmJobId: '4242',
      exitCode: 3,
      node: 'vega-vk',
      submittedAt: '2025-06-01T10:00:00.000Z',
      startedAt: '2025-06-01T10:05:00.000Z',
      finishedAt: '2025-06-01T11:00:00.000Z',
    });
    const queued = deriveJobState(job(), pod({ phase: 'Pending', ...bound, jobId: '1' }));
    expect(queued).toMatchObject({ startedAt: null, finishedAt: null, exitCode: null });
    const running = deriveJobState(job(), pod({ phase: 'Running', ...bound }));
    expect(running.startedAt).toBe('2025-06-01T10:00:00.000Z');
    const cancelled = deriveJobState(
      job({ suspend: true, status: { conditions: [{ type: 'Suspended', status: 'True', lastTransitionTime: T2 }] } }),
      undefined,
    );
    expect(cancelled.finishedAt).toBe('2025-06-01T11:00:00.000Z');
  });

  it('reads the exit code from `Error: <code>` when the number is unusable', () => {
    const p = pod({ phase: 'Failed', ...bound, state: { terminated: { exitCode: Number.NaN, reason: 'Error: 9' } } });
    expect(deriveJobState(undefined, p).exitCode).toBe(9);
  });

  it('always yields a known state and a one-line sentence', () => {
    const text = fc.option(fc.string({ maxLength: 40 }), { nil: undefined });
    const arbPod = fc.record({
      phase: fc.option(fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', 'x'), { nil: undefined }),
      reason: fc.option(fc.constantFrom('ProviderFailed', 'Evicted', ''), { nil: undefined }),
      message: text,
      jobId: text,
      nodeName: fc.option(fc.constantFrom('vega-vk', ''), { nil: undefined }),
      scheduled: fc.option(fc.record({ status: fc.constantFrom('True', 'False'), message: text }), { nil: undefined }),
      state: fc.option(
        fc.oneof(
          fc.record({ terminated: fc.record({ exitCode: fc.integer({ min: -1, max: 255 }), reason: text, message: text }) }),
          fc.constant({ running: {} }),
          fc.record({ waiting: fc.record({ reason: text, message: text }) }),
        ),
        { nil: undefined },
      ),
    });
    const arbJob = fc.record({
      suspend: fc.option(fc.boolean(), { nil: undefined }),
      status: fc.record({
        active: fc.option(fc.nat(2), { nil: undefined }),
        conditions: fc.array(
          fc.record({
            type: fc.constantFrom('Complete', 'Failed', 'Suspended'),
            status: fc.constantFrom('True', 'False'),
            reason: text,
            message: text,
          }),
          { maxLength: 2 },
        ),
      }),
    });
    fc.assert(
      fc.property(fc.option(arbJob.map(job), { nil: undefined }), fc.option(arbPod.map(pod), { nil: undefined }), (j, p) => {
        const s = deriveJobState(j, p);
        expect(JOB_STATES).toContain(s.state);
        expect(s.reason.length).toBeGreaterThan(0);
        expect(s.reason).not.toMatch(/[\r\n]/);
      }),
    );
  });
});

describe('a Job cancelled by Offload', () => {
  it('keeps the Slurm job id and start recorded on it after the pod is gone', () => {
    const job: Job = {
      metadata: {
        name: 'j',
        namespace: 'alice',
        creationTimestamp: '2025-01-01T00:00:00Z',
        annotations: {
          'offload.io/slurm-job-id': '29',
          'offload.io/started-at': '2025-01-01T00:00:05Z',
          'offload.io/cancelled-at': '2025-01-01T00:01:00Z',
        },
      },
      spec: { suspend: true },
      status: { conditions: [{ type: 'Suspended', status: 'True', lastTransitionTime: '2025-01-01T00:01:00Z' }] },
    };
    const s = deriveJobState(job, undefined);
    expect(s).toMatchObject({
      state: 'Cancelled',
      slurmJobId: '29',
      startedAt: '2025-01-01T00:00:05.000Z',
      finishedAt: '2025-01-01T00:01:00.000Z',
    });
    expect(s.reason).toBe('Cancelled: the Job was suspended, which cancelled Slurm job 29.');
  });
});
