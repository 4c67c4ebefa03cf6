import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { buildJobDetail } from './job-detail';
import { jobRow, MANAGED_BY_LABEL } from './job-view';
import { OFFLOAD_CANCEL_ANNOTATIONS } from './keys';
import type { Job, Pod } from './types';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'lab', 'vega-vk', `${name}.json`), 'utf8')) as { job: Job; pod: Pod };
const VNODES = new Set(['vega-vk', 'lumi-vk']);

function detailOf(job: Job, pod: Pod | undefined) {
  const pods = pod === undefined ? [] : [pod];
  return buildJobDetail(jobRow(job, pods, [], VNODES), job, pods, []);
}

describe('buildJobDetail', () => {
  it('draws the whole timeline of a finished job, naming its Slurm job', () => {
    const { job, pod } = fixture('Succeeded');
    const d = detailOf(job, pod);
    expect(d.timeline.map((t) => t.step)).toEqual(['created', 'scheduled', 'submitted', 'started', 'finished']);
    expect(d.timeline.every((t) => t.done)).toBe(true);
    expect(d.timeline[2]?.label).toBe(`Submitted to Slurm as job ${pod.metadata?.annotations?.JobID}`);
    expect(d.timeline[4]?.label).toMatch(/^Finished: Succeeded, exit code 0$/);
    expect(d.containers[0]).toMatchObject({ state: 'terminated', exitCode: 0 });
    expect(d.conditions.some((c) => c.of === 'Job' && c.type === 'Complete')).toBe(true);
  });

  it('stops the timeline where a job waiting for its node is', () => {
    const { job, pod } = fixture('WaitingForNode-NotReady');
    const d = detailOf(job, pod);
    expect(d.timeline.map((t) => t.done)).toEqual([true, false, false, false, false]);
  });

  it('lists the Slurm annotations it was sent with, current and older spellings', () => {
    const { job, pod } = fixture('Succeeded');
    const annotated: Pod = {
      ...pod,
      metadata: { ...pod.metadata, annotations: { ...pod.metadata?.annotations, 'slurm-job.vk.io/flags': '--time=1', 'job.vk.io/singularity-mounts': '--bind /a:/b', other: 'x' } },
    };
    const keys = detailOf(job, annotated).slurmAnnotations.map((a) => a.key);
    expect(keys).toContain('slurm-job.vk.io/flags');
    expect(keys).toContain('job.vk.io/singularity-mounts');
    expect(keys).not.toContain('other');
  });

  it('reads the input, the managed-by label and who cancelled', () => {
    const { job, pod } = fixture('Running');
    const spec = job.spec?.template?.spec;
    const managed: Job = {
      ...job,
      metadata: { ...job.metadata, labels: { ...job.metadata?.labels, [MANAGED_BY_LABEL]: 'offload' }, annotations: { [OFFLOAD_CANCEL_ANNOTATIONS.by]: 'alice', [OFFLOAD_CANCEL_ANNOTATIONS.at]: '2025-01-01T00:00:00Z' } },
      spec: { ...job.spec, template: { ...job.spec?.template, spec: { ...spec, containers: [{ name: 'c', env: [{ name: 'EVENT', value: 'aGk=' }] }] } } },
    };
    const d = detailOf(managed, pod);
    expect(d).toMatchObject({ input: 'aGk=', managedByOffload: true, cancelledBy: 'alice', cancelledAt: '2025-01-01T00:00:00Z' });
    expect(detailOf(job, pod)).toMatchObject({ input: null, managedByOffload: false, cancelledBy: null });
  });
});
