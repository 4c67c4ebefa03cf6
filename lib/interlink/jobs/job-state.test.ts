import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deriveJobState, JOB_STATES, type JobState } from './job-state';
import type { ContainerState, Job, KubeEvent, Pod } from '../model/types';

// Fixtures shaped like what OSCAR creates (OSCAR pkg/types/interlink.go) and the virtual
// kubelet reports (interLink pkg/virtualkubelet/execute.go).
const T0 = '2025-06-01T10:00:00Z';
const T1 = '2025-06-01T10:05:00Z';
const T2 = '2025-06-01T11:00:00Z';
const selector = { 'kubernetes.io/hostname': 'vega-vk' };

function job(over: { status?: Job['status']; suspend?: boolean; backoffLimit?: number; activeDeadlineSeconds?: number } = {}): Job {
  return {
    metadata: { name: 'svc-1234', namespace: 'oscar-svc', creationTimestamp: T0 },
    spec: {
      backoffLimit: over.backoffLimit ?? 0,
      suspend: over.suspend,
      activeDeadlineSeconds: over.activeDeadlineSeconds,
      template: { spec: { nodeSelector: selector, tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }] } },
    },
    status: over.status ?? {},
  };
}

interface PodOpts {
  phase?: string;
  reason?: string;
  message?: string;
  jobId?: string;
  nodeName?: string;
  scheduled?: { status: string; reason?: string; message?: string };
  state?: ContainerState;
}

function pod(o: PodOpts): Pod {
  return {
    metadata: { name: 'svc-1234-abcde', creationTimestamp: T0, annotations: o.jobId === undefined ? {} : { JobID: o.jobId } },
    spec: { nodeName: o.nodeName, nodeSelector: selector },
    status: {
      phase: o.phase,
      reason: o.reason,
      message: o.message,
      startTime: T0,
      conditions: o.scheduled === undefined ? [] : [{ type: 'PodScheduled', ...o.scheduled }],
      containerStatuses: o.state === undefined ? [] : [{ name: 'main', state: o.state }],
    },
  };
}

const bound = { nodeName: 'vega-vk', scheduled: { status: 'True' } } as const;
const done = (exitCode: number, reason: string, message?: string): ContainerState => ({
  terminated: { exitCode, reason, message, startedAt: T1, finishedAt: T2 },
});
const unschedulable = (message: string) => ({ status: 'False', reason: 'Unschedulable', message });
const failedCondition = (reason: string, message = '') => ({
  conditions: [{ type: 'Failed', status: 'True', reason, message, lastTransitionTime: T2 }],
});
const completeCondition = { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: T2 }], completionTime: T2, succeeded: 1 };

type Case = [name: string, job: Job | undefined, pod: Pod | undefined, events: KubeEvent[], state: JobState, reason: string | RegExp];

const cases: Case[] = [
  ['Job without pod yet', job(), undefined, [], 'WaitingForNode', 'Waiting for the Job controller to create the pod for vega-vk.'],
  [
    'taint not tolerated',
    job(),
    pod({
      phase: 'Pending',
      scheduled: unschedulable(
        '0/3 nodes are available: 1 node(s) had untolerated taint ' +
          "{virtual-node.interlink/no-schedule: true}, 2 node(s) didn't match Pod's node " +
          'affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for ' +
          'scheduling.',
      ),
    }),
    [],
    'WaitingForNode',
    'Waiting for a node: the pod does not tolerate the virtual-node taint virtual-node.interlink/no-schedule of vega-vk.',
  ],
  [
    'virtual node NotReady',
    job(),
    pod({
      phase: 'Pending',
      scheduled: unschedulable(
        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) " +
          'had untolerated taint {node.kubernetes.io/not-ready: }.',
      ),
    }),
    [],
    'WaitingForNode',
    'Waiting for a node: vega-vk is not ready.',
  ],
  [
    'no such node',
    job(),
    pod({ phase: 'Pending', scheduled: unschedulable("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.") }),
    [],
    'WaitingForNode',
    'Waiting for a node: no node named vega-vk exists.',
  ],
  [
    'scheduler message only in an event',
    job(),
    pod({ phase: 'Pending' }),
    [{ type: 'Warning', reason: 'FailedScheduling', message: '0/1 nodes are available: 1 node(s) were unschedulable.' }],
    'WaitingForNode',
    'Waiting for a node: vega-vk is cordoned (unschedulable).',
  ],
  [
    'not looked at by the scheduler yet',
    job(),
    pod({ phase: 'Pending' }),
    [],
    'WaitingForNode',
    'Waiting for a node: waiting for the scheduler.',
  ],
  [
    'queued in Slurm',
    job(),
    pod({ phase: 'Pending', ...bound, jobId: '4242', state: { waiting: {} } }),
    [],
    'Queued',
    'Queued in Slurm as job 4242 on vega-vk.',
  ],
  [
    'scheduled, job id not known yet',
    job(),
    pod({ phase: 'Pending', ...bound }),
    [],
    'Queued',
    'Submitted to vega-vk; waiting for the Slurm job id.',
  ],
  [
    'ordinary node pulling an image',
    undefined,
    pod({
      phase: 'Pending',
      nodeName: 'worker-1',
      scheduled: { status: 'True' },
      state: { waiting: { reason: 'ErrImagePull', message: 'not found' } },
    }),
    [],
    'Queued',
    'Pending on worker-1: ErrImagePull: not found',
  ],
  [
    'running',
    job({ status: { active: 1, startTime: T0 } }),
    pod({ phase: 'Running', ...bound, jobId: '4242', state: { running: { startedAt: T1 } } }),
    [],
    'Running',
    'Running as Slurm job 4242 on vega-vk.',
  ],
  [
    'succeeded',
    job(),
    pod({ phase: 'Succeeded', ...bound, jobId: '4242', state: done(0, 'Completed') }),
    [],
    'Succeeded',
    'Completed successfully (exit 0).',
  ],
  [
    'timeout reported as success with exit 0',
    job(),
    pod({ phase: 'Succeeded', ...bound, jobId: '4242', state: done(0, 'Completed', 'SlurmJobTimeout') }),
    [],
    'TimedOut',
    'Timed out: Slurm stopped the job at its time limit (--time). It was reported as succeeded ' +
      'with exit 0; only the status message shows the time-out.',
  ],
  [
    'timeout as failure, reason overwritten',
    job(),
    pod({ phase: 'Failed', ...bound, state: done(1, 'Error: 1', 'SlurmJobTimeout') }),
    [],
    'TimedOut',
    'Timed out: Slurm stopped the job at its time limit (--time).',
  ],
  [
    'out of memory in the message',
    job(),
    pod({ phase: 'Failed', ...bound, state: done(137, 'Error: 137', 'OOMKilled') }),
    [],
    'OutOfMemory',
    'Out of memory: the job exceeded its memory limit (exit 137); raise --mem.',
  ],
  [
    'plain failure',
    job(),
    pod({ phase: 'Failed', ...bound, jobId: '4242', state: done(2, 'Error: 2') }),
    [],
    'Failed',
    'Failed with exit code 2.',
  ],
  [
    'failure with a message',
    job(),
    pod({ phase: 'Failed', ...bound, message: 'python: no such file', state: done(127, 'Error: 127') }),
    [],
    'Failed',
    'Failed with exit code 127: python: no such file',
  ],
  [
    'submission failed',
    job(),
    pod({
      phase: 'Failed',
      reason: 'ProviderFailed',
      message: 'sbatch: error: invalid partition specified: gpux',
      state: done(1, 'Error: 1'),
    }),
    [],
    'SubmissionFailed',
    'Submission to the HPC cluster failed: sbatch: invalid partition specified: gpux',
  ],
  [
    'Job Complete with its pod',
    job({ status: completeCondition }),
    pod({ phase: 'Succeeded', ...bound, state: done(0, 'Completed') }),
    [],
    'Succeeded',
    'Completed successfully (exit 0).',
  ],
  ['Job Complete, pod gone', job({ status: completeCondition }), undefined, [], 'Succeeded', 'Completed successfully.'],
  [
    'BackoffLimitExceeded with the pod',
    job({ status: failedCondition('BackoffLimitExceeded', 'Job has reached the specified backoff limit') }),
    pod({ phase: 'Failed', ...bound, state: done(1, 'Error: 1') }),
    [],
    'Failed',
    'Failed with exit code 1.',
  ],
  [
    'BackoffLimitExceeded, pod gone',
    job({ status: failedCondition('BackoffLimitExceeded') }),
    undefined,
    [],
    'Failed',
    'Failed: the pod failed and the Job allows no retries (backoffLimit 0).',
  ],
  [
    'BackoffLimitExceeded with retries',
    job({ backoffLimit: 3, status: failedCondition('BackoffLimitExceeded') }),
    undefined,
    [],
    'Failed',
    'Failed: the pod failed and all 3 retries are used.',
  ],
  [
    'BackoffLimitExceeded with one retry',
    job({ backoffLimit: 1, status: failedCondition('BackoffLimitExceeded') }),
    undefined,
    [],
    'Failed',
    'Failed: the pod failed and its one retry is used.',
  ],
  [
    'BackoffLimitExceeded, OOM only in an event',
    job({ status: failedCondition('BackoffLimitExceeded') }),
    undefined,
    [{ reason: 'Failed', message: 'container main: OOMKilled' }],
    'OutOfMemory',
    'Out of memory: the job exceeded its memory limit; raise --mem.',
  ],
  [
    'DeadlineExceeded while the pod is being deleted',
    job({ activeDeadlineSeconds: 3600, status: failedCondition('DeadlineExceeded', 'Job was active longer than specified deadline') }),
    pod({ phase: 'Running', ...bound, state: { running: { startedAt: T1 } } }),
    [],
    'TimedOut',
    'Timed out: the Job ran longer than its deadline (activeDeadlineSeconds 3600).',
  ],
  [
    'DeadlineExceeded, pod gone',
    job({ status: failedCondition('DeadlineExceeded') }),
    undefined,
    [],
    'TimedOut',
    'Timed out: the Job ran longer than its deadline.',
  ],
  [
    'Job failed but pod claims success',
    job({ status: failedCondition('PodFailurePolicy', 'rule matched') }),
    pod({ phase: 'Succeeded', ...bound, state: done(0, 'Completed') }),
    [],
    'Failed',
    'Failed: rule matched',
  ],
  [
    "cancelled by kubectl suspension: startTime cleared, the Job's events tell a pod existed",
    job({ suspend: true, status: { conditions: [{ type: 'Suspended', status: 'True', lastTransitionTime: T2 }] } }),
    undefined,
    [
      { reason: 'SuccessfulCreate', message: 'Created pod: x-1' },
      { reason: 'SuccessfulDelete', message: 'Deleted pod: x-1' },
    ],
    'Cancelled',
    'Cancelled: the Job was suspended, which deleted its pod and cancelled its Slurm job, if it had one.',
  ],
  [
    'cancelled by suspension',
    job({ suspend: true, status: { startTime: T0, conditions: [{ type: 'Suspended', status: 'True', lastTransitionTime: T2 }] } }),
    undefined,
    [],
    'Cancelled',
    'Cancelled: the Job was suspended, which cancelled its Slurm job.',
  ],
  [
    'cancelling: pod still there',
    job({ suspend: true, status: { active: 1 } }),
    pod({ phase: 'Running', ...bound, jobId: '4242' }),
    [],
    'Cancelled',
    'Cancelling: the Job is suspended and its pod is being deleted, which cancels Slurm job 4242.',
  ],
  ['suspended before it started', job({ suspend: true }), undefined, [], 'Cancelled', 'Cancelled before it started: the Job is suspended.'],
  ['finished before suspension', job({ suspend: true, status: completeCondition }), undefined, [], 'Succeeded', 'Completed successfully.'],
  ['nothing to read', undefined, undefined, [], 'Unknown', 'Neither the Job nor its pod can be read.'],
  [
    'active pod not visible',
    job({ status: { active: 1 } }),
    undefined,
    [],
    'Unknown',
    'The Job reports an active pod that is not visible yet.',
  ],
  [
    'pod gone, outcome not recorded',
    job({ status: { failed: 1 } }),
    undefined,
    [],
    'Unknown',
    'The pod is gone and the Job has not recorded an outcome yet.',
  ],
  ['odd pod phase', job(), pod({ phase: 'Unknown', ...bound }), [], 'Unknown', 'The pod reports phase Unknown.'],
];

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
