import { describe, expect, it } from 'vitest';

import { account, slurmAgrees, stateAgrees } from './account.ts';
import type { Submission } from './submitter.ts';
import type { JobTruth } from './truth.ts';

const sub = (id: number, jobs: string[], status: number | 'no answer' = 201): Submission => ({
  id,
  key: `k${id}`,
  user: 'alice',
  node: 'vega-vk',
  at: 0,
  jobs,
  attempts: [{ at: 0, status, ms: 1, text: status === 503 ? 'cannot reach the API server' : '' }],
});
const job = (name: string, terminal: JobTruth['terminal'], uid = `uid-${name}`, slurmJobId = '7'): JobTruth => ({
  namespace: 'alice',
  name,
  terminal,
  pods: [{ uid, phase: terminal === 'Complete' ? 'Succeeded' : 'Failed', slurmJobId }],
});

describe('soak accounting', () => {
  it('counts a finished job whose Slurm and Offload states agree', () => {
    const a = account(
      [sub(1, ['j1'])],
      [job('j1', 'Complete')],
      [{ id: '7', state: 'COMPLETED', command: '/jobs/alice-uid-j1/job.slurm' }],
      [{ namespace: 'alice', name: 'j1', state: 'Succeeded' }],
    );
    expect(a).toMatchObject({ accepted: 1, lost: [], twice: [], mismatched: [], accountedShare: 1 });
  });

  it('finds lost, doubled and mismatched jobs, and tells refusals from failures', () => {
    const slurm = [
      { id: '7', state: 'COMPLETED', command: '/jobs/alice-uid-j2/job.slurm' },
      { id: '8', state: 'COMPLETED', command: '/jobs/alice-uid-j2/job.slurm' },
      { id: '9', state: 'FAILED', command: '/jobs/alice-uid-j3/job.slurm' },
    ];
    const a = account(
      [sub(1, ['gone']), sub(2, ['j2']), sub(3, ['j3']), sub(4, [], 503), sub(5, [], 'no answer'), sub(6, ['j4', 'j5'])],
      [job('j2', 'Complete'), job('j3', 'Complete', 'uid-j3', '9'), job('j4', 'Failed')],
      slurm,
      [
        { namespace: 'alice', name: 'j2', state: 'Succeeded' },
        { namespace: 'alice', name: 'j3', state: 'Succeeded' },
        { namespace: 'alice', name: 'j4', state: 'Running' },
      ],
    );
    expect(a.lost).toEqual(['alice/gone: no such Job']);
    expect(a.twice).toEqual(['alice/j2: Slurm jobs 7, 8 for one pod', 'submission 6 became j4, j5']);
    expect(a.mismatched).toEqual(['alice/j3: cluster Complete, Slurm FAILED', 'alice/j4: cluster Failed, Offload Running']);
    expect(a.refused).toBe(1);
    expect(a.failed.map((f) => f.id)).toEqual([5]);
  });

  it('tells a job the virtual node never reported from a lost one, by what Slurm says', () => {
    const pending: JobTruth = {
      namespace: 'alice',
      name: 'p',
      terminal: null,
      pods: [{ uid: 'uid-p', phase: 'Pending', slurmJobId: '85' }],
    };
    const stuck: JobTruth = { namespace: 'alice', name: 's', terminal: null, pods: [{ uid: 'uid-s', phase: 'Pending', slurmJobId: '' }] };
    const a = account(
      [sub(1, ['p']), sub(2, ['s'])],
      [pending, stuck],
      [{ id: '85', state: 'COMPLETED', command: '/jobs/alice-uid-p/job.slurm' }],
      [],
    );
    expect(a.unreported).toEqual(['alice/p: Pending on the cluster, Slurm job 85 COMPLETED']);
    expect(a.lost).toEqual(['alice/s: not finished (Pending)']);
    expect(a.accountedShare).toBe(0);
  });

  it('agrees states as the dashboard words them', () => {
    expect(stateAgrees('Failed', 'SubmissionFailed')).toBe(true);
    expect(stateAgrees('Complete', 'Failed')).toBe(false);
    expect(slurmAgrees('Failed', undefined)).toBe(true);
    expect(slurmAgrees('Complete', undefined)).toBe(false);
  });
});
