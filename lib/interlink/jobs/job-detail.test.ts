import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { buildJobDetail } from './job-detail';
import { jobRow, MANAGED_BY_LABEL } from './job-view';
import { CREATED_VIA_OSCAR_API, OFFLOAD_CANCEL_ANNOTATIONS, OFFLOAD_CREATED_VIA_ANNOTATION, OSCAR_LABELS } from '../model/keys';
import type { Job, KubeEvent, Pod } from '../model/types';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'lab', 'vega-vk', `${name}.json`), 'utf8')) as { job: Job; pod: Pod };
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
      metadata: {
        ...pod.metadata,
        annotations: {
          ...pod.metadata?.annotations,
          'slurm-job.vk.io/flags': '--time=1',
          'job.vk.io/singularity-mounts': '--bind /a:/b',
          other: 'x',
        },
      },
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
      metadata: {
        ...job.metadata,
        labels: { ...job.metadata?.labels, [MANAGED_BY_LABEL]: 'offload' },
        annotations: { [OFFLOAD_CANCEL_ANNOTATIONS.by]: 'alice', [OFFLOAD_CANCEL_ANNOTATIONS.at]: '2025-01-01T00:00:00Z' },
      },
      spec: {
        ...job.spec,
        template: { ...job.spec?.template, spec: { ...spec, containers: [{ name: 'c', env: [{ name: 'EVENT', value: 'aGk=' }] }] } },
      },
    };
    const d = detailOf(managed, pod);
    expect(d).toMatchObject({ input: 'aGk=', managedByOffload: true, cancelledBy: 'alice', cancelledAt: '2025-01-01T00:00:00Z' });
    expect(detailOf(job, pod)).toMatchObject({ input: null, managedByOffload: false, cancelledBy: null });
  });

  it('says which client created the job: Offload, its OSCAR API, OSCAR or another', () => {
    const { job, pod } = fixture('Running');
    const withMeta = (labels: Record<string, string>, annotations: Record<string, string> = {}): Job => ({
      ...job,
      metadata: { ...job.metadata, labels, annotations },
    });
    const offload = { [MANAGED_BY_LABEL]: 'offload', [OSCAR_LABELS.service]: 'hello' };
    expect(detailOf(withMeta(offload), pod).createdBy).toBe('offload');
    expect(detailOf(withMeta(offload, { [OFFLOAD_CREATED_VIA_ANNOTATION]: CREATED_VIA_OSCAR_API }), pod).createdBy).toBe('oscar-api');
    expect(
      detailOf(withMeta({ [OSCAR_LABELS.service]: 'hello' }, { [OFFLOAD_CREATED_VIA_ANNOTATION]: CREATED_VIA_OSCAR_API }), pod).createdBy,
    ).toBe('oscar');
    expect(detailOf(withMeta({}), pod).createdBy).toBe('other');
  });
});

// As the released interLink 0.6.2 virtual kubelet reports a finished pod: conditions written
// without times (Ready twice), `startedAt: null`, no Pod events of its own; only the
// scheduler's `Scheduled` event (events.k8s.io: eventTime set, the old timestamps null).
function realVirtualKubelet() {
  const { job, pod } = fixture('Succeeded');
  const name = pod.metadata?.name ?? '';
  const uid = 'adf43238-e649-4e7f-bdf2-48ec0ff6fa52';
  const status = {
    phase: 'Succeeded',
    startTime: '2026-12-03T08:00:03Z',
    conditions: [
      { lastProbeTime: null, lastTransitionTime: null, status: 'True', type: 'Initialized' },
      { lastProbeTime: null, lastTransitionTime: null, status: 'False', type: 'Ready' },
      { lastProbeTime: null, lastTransitionTime: null, status: 'True', type: 'PodScheduled' },
      { lastProbeTime: null, lastTransitionTime: null, status: 'False', type: 'Ready' },
    ],
    containerStatuses: [
      { name: 'main', state: { terminated: { exitCode: 0, finishedAt: '2026-12-03T08:00:08Z', reason: 'Completed', startedAt: null } } },
    ],
  };
  const vkPod: Pod = { ...pod, metadata: { ...pod.metadata, uid }, status };
  const scheduled: KubeEvent = {
    metadata: { name: `${name}.18ec9c45de391933`, creationTimestamp: '2026-12-03T08:00:03Z' },
    involvedObject: { kind: 'Pod', name, namespace: 'alice', uid },
    reason: 'Scheduled',
    message: `Successfully assigned alice/${name} to vega-vk`,
    type: 'Normal',
    eventTime: '2026-12-03T08:00:02.512345Z',
    firstTimestamp: null,
    lastTimestamp: null,
  };
  return { job, pod: vkPod, scheduled };
}

function detailWith(job: Job, pod: Pod, events: KubeEvent[]) {
  return buildJobDetail(jobRow(job, [pod], events, VNODES), job, [pod], events);
}

describe('buildJobDetail with the real virtual kubelet', () => {
  it('shows one row per condition type, the last written one where a type repeats', () => {
    const { job, pod, scheduled } = realVirtualKubelet();
    const rows = detailWith(job, pod, [scheduled]).conditions.filter((c) => c.of === 'Pod');
    expect(rows).toEqual([
      { of: 'Pod', type: 'Initialized', status: 'True', reason: null, message: null, lastTransition: null },
      { of: 'Pod', type: 'Ready', status: 'False', reason: null, message: null, lastTransition: null },
      { of: 'Pod', type: 'PodScheduled', status: 'True', reason: null, message: null, lastTransition: null },
    ]);
  });

  it('keeps the last of disagreeing duplicates: the virtual kubelet’s latest write', () => {
    const { job, pod } = realVirtualKubelet();
    const conditions = [
      { type: 'Ready', status: 'True', lastTransitionTime: '2026-12-03T08:00:05Z' },
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: '2026-12-03T08:00:08Z' },
    ];
    const ready = detailWith(job, { ...pod, status: { ...pod.status, conditions } }, []).conditions.filter((c) => c.type === 'Ready');
    expect(ready).toEqual([
      { of: 'Pod', type: 'Ready', status: 'False', reason: 'PodCompleted', message: null, lastTransition: '2026-12-03T08:00:08.000Z' },
    ]);
  });

  it('takes the scheduled time from the scheduler’s event when the condition has none', () => {
    const { job, pod, scheduled } = realVirtualKubelet();
    const step = detailWith(job, pod, [scheduled]).timeline.find((t) => t.step === 'scheduled');
    expect(step).toEqual({ step: 'scheduled', label: 'Scheduled on vega-vk', at: '2026-12-03T08:00:02.512Z', done: true });
  });

  it('prefers the condition’s own time, and records none when neither exists', () => {
    const { job, pod, scheduled } = realVirtualKubelet();
    const timed = {
      ...pod,
      status: { ...pod.status, conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-12-03T08:00:01Z' }] },
    };
    expect(detailWith(job, timed, [scheduled]).timeline[1]).toMatchObject({ at: '2026-12-03T08:00:01.000Z', done: true });
    // Events expire after about an hour: then no time is shown, and none is made up.
    expect(detailWith(job, pod, []).timeline[1]).toMatchObject({ at: null, done: true });
  });

  it('ignores another pod’s Scheduled event, by name and by uid', () => {
    const { job, pod, scheduled } = realVirtualKubelet();
    const other = { ...scheduled, involvedObject: { ...scheduled.involvedObject, name: 'someone-else' } };
    const earlier = { ...scheduled, involvedObject: { ...scheduled.involvedObject, uid: 'an-earlier-pod-of-that-name' } };
    expect(detailWith(job, pod, [other, earlier]).timeline[1]?.at).toBeNull();
  });

  it('marks the job started without a time when the start is not recorded, and finished at its end', () => {
    const { job, pod, scheduled } = realVirtualKubelet();
    const d = detailWith(job, pod, [scheduled]);
    expect(jobRow(job, [pod], [scheduled], VNODES).startedAt).toBeNull();
    expect(d.timeline.map((t) => [t.step, t.done, t.at])).toEqual([
      ['created', true, expect.any(String)],
      ['scheduled', true, '2026-12-03T08:00:02.512Z'],
      ['submitted', true, '2026-12-03T08:00:03.000Z'],
      ['started', true, null],
      ['finished', true, '2026-12-03T08:00:08.000Z'],
    ]);
    expect(d.containers[0]).toMatchObject({ state: 'terminated', exitCode: 0, startedAt: null, finishedAt: '2026-12-03T08:00:08.000Z' });
  });

  it('does not call a failed submission started, though its containers are terminated', () => {
    const { job, pod } = fixture('SubmissionFailed');
    expect(detailOf(job, pod).timeline.find((t) => t.step === 'started')).toMatchObject({ done: false, at: null });
  });
});
