import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { deriveJobState, type JobState } from './job-state';
import type { Job, KubeEvent, Pod } from './types';

// Real Job + Pod (+ Events) objects captured from the lab by lab/capture-fixtures.sh: the
// interLink stand-in reproduces the virtual kubelet's and plugin 0.6.1's status reports, so
// these are what the dashboard meets. States the lab cannot produce (out of memory,
// preempted) are covered by hand-built objects in job-state.test.ts.
interface Fixture {
  state: string;
  job: Job;
  pod: Pod | null;
  events: KubeEvent[];
}

const dir = path.join(__dirname, 'fixtures', 'lab');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.startsWith('node-'))
  .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture);

const expected: Record<string, { state: JobState; reason: RegExp; exitCode?: number | null; slurmJobId?: boolean }> = {
  Succeeded: { state: 'Succeeded', reason: /./, exitCode: 0, slurmJobId: true },
  Failed: { state: 'Failed', reason: /exit(ed)? (with )?(code )?3/i, exitCode: 3, slurmJobId: true },
  Running: { state: 'Running', reason: /./, slurmJobId: true },
  Queued: { state: 'Queued', reason: /Slurm/i, slurmJobId: true },
  TimedOut: { state: 'TimedOut', reason: /time limit|timed out|timeout/i, slurmJobId: true },
  SubmissionFailed: { state: 'SubmissionFailed', reason: /invalid partition/i, slurmJobId: false },
  'WaitingForNode-NoSuchNode': { state: 'WaitingForNode', reason: /nosuch-vk|no (such )?node|does not exist|selector/i },
  'WaitingForNode-NotReady': { state: 'WaitingForNode', reason: /not ready|NotReady|taint/i },
  Cancelled: { state: 'Cancelled', reason: /cancel/i },
};

describe('job state of objects captured from the lab', () => {
  it('has a fixture for every captured state', () => {
    expect(fixtures.map((f) => f.state).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(fixtures.map((f) => [f.state, f] as const))('%s', (name, f) => {
    const want = expected[name];
    if (!want) throw new Error(`no expectation for fixture ${name}`);
    const got = deriveJobState(f.job, f.pod ?? undefined, f.events);
    expect(got.state).toBe(want.state);
    expect(got.reason).toMatch(want.reason);
    if (want.exitCode !== undefined) expect(got.exitCode).toBe(want.exitCode);
    if (want.slurmJobId === true) expect(got.slurmJobId).toMatch(/^\d+$/);
    if (want.slurmJobId === false) expect(got.slurmJobId).toBeNull();
  });
});
