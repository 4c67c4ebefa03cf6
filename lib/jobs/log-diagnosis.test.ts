import { describe, expect, it } from 'vitest';

import type { JobView } from '@/lib/interlink/jobs/job-view';
import type { Pod } from '@/lib/interlink/model/types';
import type { Identity } from '@/lib/k8s/access';
import { NotFound } from '@/lib/errors';

import { LogDiagnoses, type LogAccess } from './log-diagnosis';

const alice: Identity = { kind: 'bearer', token: 'alice' };
const bob: Identity = { kind: 'bearer', token: 'bob' };
const LOG = "pre-exec ran\nbwrap: Can't find source path /shared/data: No such file or directory\n";

const row = (state: JobView['state'], podName: string | null = 'train-abcde'): JobView => ({
  key: 'job:alice/train',
  kind: 'Job',
  namespace: 'alice',
  name: 'train',
  uid: 'job-uid',
  service: null,
  origin: 'other',
  offloaded: true,
  podName,
  node: 'vega-vk',
  state,
  reason: 'Failed with exit code 1.',
  slurmJobId: '12',
  exitCode: 1,
  submittedAt: null,
  startedAt: null,
  finishedAt: null,
});
const pod: Pod = {
  metadata: { name: 'train-abcde', uid: 'pod-uid-1', annotations: { 'slurm-job.vk.io/singularity-mounts': '--bind /shared/data:/data' } },
  status: {
    containerStatuses: [
      { name: 'sidecar', state: { terminated: { exitCode: 0 } } },
      { name: 'main', state: { terminated: { exitCode: 1 } } },
    ],
  },
};

/** A fake cluster: who may read logs, and every read made. */
function fake(mayRead: (i: Identity) => boolean, read: () => Promise<string> = async () => LOG) {
  const reads: Array<{ who: string; pod: string; container: string | undefined }> = [];
  const logs: LogAccess = {
    mayRead: async (i) => mayRead(i),
    read: async (i, _ns, p, container) => {
      reads.push({ who: i.kind === 'bearer' ? i.token : 'server', pod: p, container });
      return read();
    },
  };
  return { diagnoses: new LogDiagnoses(logs), reads };
}

describe('LogDiagnoses', () => {
  it('reads a failed pod’s log once, as the person asking, from the container that failed', async () => {
    const { diagnoses, reads } = fake(() => true);
    const d = await diagnoses.for(alice, row('Failed'), pod);
    expect(d).toMatchObject({
      kind: 'bind-source',
      sentence: 'The HPC side has no /shared/data: the bind mount --bind /shared/data:/data cannot be made there.',
    });
    expect(await diagnoses.for(bob, row('Failed'), pod)).toEqual(d);
    expect(reads).toEqual([{ who: 'alice', pod: 'train-abcde', container: 'main' }]);
  });

  it('serves a kept diagnosis only to someone who may read the log', async () => {
    const { diagnoses, reads } = fake((i) => i !== bob);
    expect(await diagnoses.for(alice, row('Failed'), pod)).not.toBeNull();
    expect(await diagnoses.for(bob, row('Failed'), pod)).toBeNull();
    expect(reads).toHaveLength(1);
  });

  it('keeps "nothing recognised" too: the finished log does not change', async () => {
    const { diagnoses, reads } = fake(
      () => true,
      async () => 'Traceback: ValueError\n',
    );
    expect(await diagnoses.for(alice, row('TimedOut'), pod)).toBeNull();
    expect(await diagnoses.for(alice, row('TimedOut'), pod)).toBeNull();
    expect(reads).toHaveLength(1);
  });

  it('answers null without an error when the log cannot be read, and tries again next time', async () => {
    let calls = 0;
    const { diagnoses, reads } = fake(
      () => true,
      async () => {
        calls++;
        if (calls === 1) throw new NotFound('pods "train-abcde" not found');
        return LOG;
      },
    );
    expect(await diagnoses.for(alice, row('OutOfMemory'), pod)).toBeNull();
    expect(await diagnoses.for(alice, row('OutOfMemory'), pod)).not.toBeNull();
    expect(reads).toHaveLength(2);
  });

  it('tells of a “successful” job only what Slurm’s own lines contradict the success with', async () => {
    const timedOut = fake(
      () => true,
      async () => 'slurmstepd: error: *** JOB 12 ON labnode CANCELLED AT 2026-12-03T08:10:01 DUE TO TIME LIMIT ***\n',
    );
    expect(await timedOut.diagnoses.for(alice, row('Succeeded'), pod)).toMatchObject({ kind: 'time-limit' });
    const { diagnoses, reads } = fake(() => true);
    expect(await diagnoses.for(alice, row('Succeeded'), pod)).toBeNull();
    expect(reads).toHaveLength(1);
    // The same pod's answer, kept, still serves a state that did fail.
    expect(await diagnoses.for(alice, row('Failed'), pod)).toMatchObject({ kind: 'bind-source' });
    expect(reads).toHaveLength(1);
  });

  it('does not read for a job that has not finished or was not run, has no pod, or whose pod is another', async () => {
    const { diagnoses, reads } = fake(() => true);
    for (const state of ['Running', 'Queued', 'WaitingForNode', 'Cancelled', 'SubmissionFailed', 'Unknown'] as const)
      expect(await diagnoses.for(alice, row(state), pod)).toBeNull();
    expect(await diagnoses.for(alice, row('Failed', null), undefined)).toBeNull();
    expect(await diagnoses.for(alice, row('Failed', 'train-other'), pod)).toBeNull();
    expect(await diagnoses.for(alice, row('Failed'), { ...pod, metadata: { name: 'train-abcde' } })).toBeNull();
    expect(reads).toEqual([]);
  });
});
