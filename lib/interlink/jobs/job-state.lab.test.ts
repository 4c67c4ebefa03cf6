import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { deriveJobState, type JobState } from './job-state';
import type { Job, KubeEvent, Pod } from '../model/types';

// Real Job + Pod (+ Events) objects captured from the lab by lab/capture-fixtures.sh: the
// released interLink 0.6.2 virtual kubelet with Slurm plugin 0.6.1 (vega-vk) and 0.6.2-pre5
// (lumi-vk) over real Slurm, so these are what the dashboard meets. States the lab cannot
// produce (preempted, node failure) are covered by hand-built objects in job-state.test.ts.
interface Fixture {
  state: string;
  node: string;
  job: Job;
  pod: Pod | null;
  events: KubeEvent[];
}

const root = path.join(__dirname, '..', 'fixtures', 'lab');
const NODES = ['vega-vk', 'lumi-vk'] as const;
const fixturesOf = (node: string) =>
  readdirSync(path.join(root, node))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(root, node, f), 'utf8')) as Fixture);

const expected: Record<string, { state: JobState; reason: RegExp; exitCode?: number | null; slurmJobId?: boolean }> = {
  Succeeded: { state: 'Succeeded', reason: /./, exitCode: 0, slurmJobId: true },
  Failed: { state: 'Failed', reason: /exit(ed)? (with )?(code )?3/i, exitCode: 3, slurmJobId: true },
  Running: { state: 'Running', reason: /./, slurmJobId: true },
  Queued: { state: 'Queued', reason: /Slurm/i, slurmJobId: true },
  TimedOut: { state: 'TimedOut', reason: /time limit/i, slurmJobId: true },
  OutOfMemory: { state: 'OutOfMemory', reason: /memory/i, exitCode: 137, slurmJobId: true },
  SubmissionFailed: { state: 'SubmissionFailed', reason: /invalid partition/i, slurmJobId: false },
  'WaitingForNode-NoSuchNode': { state: 'WaitingForNode', reason: /nosuch-vk|no (such )?node|does not exist|selector/i },
  'WaitingForNode-NotReady': { state: 'WaitingForNode', reason: /not ready|NotReady|taint/i },
  Cancelled: { state: 'Cancelled', reason: /cancel/i },
};

describe.each(NODES)('job state of objects captured from the lab on %s', (node) => {
  const fixtures = fixturesOf(node);

  it('has a fixture for every captured state', () => {
    // The job for a node that does not exist is captured once, under vega-vk.
    const want = Object.keys(expected).filter((s) => node === 'vega-vk' || s !== 'WaitingForNode-NoSuchNode');
    expect(fixtures.map((f) => f.state).sort()).toEqual(want.sort());
    for (const f of fixtures) expect(f.node).toBe(node);
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
