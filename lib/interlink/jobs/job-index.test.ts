import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { JobIndex } from './job-index';
import { MANAGED_BY_LABEL, ownerJobUid } from './job-view';
import type { Job, Pod } from '../model/types';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'lab', 'vega-vk', `${name}.json`), 'utf8')) as { job: Job; pod: Pod };

const VNODES = new Set(['vega-vk', 'lumi-vk']);

function indexWith(...names: string[]): JobIndex {
  const idx = new JobIndex();
  idx.setVirtualNodes(VNODES);
  for (const n of names) {
    const f = fixture(n);
    idx.upsertJob(f.job);
    idx.upsertPod(f.pod);
  }
  return idx;
}

describe('JobIndex', () => {
  it('joins a captured Job with its pod into one row carrying the Slurm job id', () => {
    const { job, pod } = fixture('Running');
    const idx = indexWith('Running');
    expect(idx.size).toBe(1);
    const row = idx.get(`job:alice/${job.metadata?.name}`);
    expect(row).toMatchObject({ kind: 'Job', state: 'Running', node: 'vega-vk', service: 'fixture', origin: 'oscar', offloaded: true });
    expect(row?.slurmJobId).toBe(pod.metadata?.annotations?.JobID);
    expect(ownerJobUid(pod)).toBe(job.metadata?.uid);
  });

  it('accepts the pod before its Job (watch order is not guaranteed)', () => {
    const { job, pod } = fixture('Succeeded');
    const idx = new JobIndex();
    idx.setVirtualNodes(VNODES);
    expect(idx.upsertPod(pod)).toEqual([]);
    const changes = idx.upsertJob(job);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'upsert', row: { state: 'Succeeded', exitCode: 0 } });
  });

  it('reports no change when the same objects arrive again', () => {
    const { job, pod } = fixture('Failed');
    const idx = indexWith('Failed');
    expect(idx.upsertJob(job)).toEqual([]);
    expect(idx.upsertPod(pod)).toEqual([]);
  });

  it('recomputes the Job row when its pod goes away and deletes it with the Job', () => {
    const { job, pod } = fixture('Running');
    const idx = indexWith('Running');
    const afterPod = idx.deletePod(pod);
    expect(afterPod).toHaveLength(1);
    expect(afterPod[0]).toMatchObject({ type: 'upsert', row: { podName: null } });
    expect(idx.deleteJob(job)).toEqual([expect.objectContaining({ type: 'delete', key: `job:alice/${job.metadata?.name}` })]);
    expect(idx.size).toBe(0);
  });

  it('lists an offloaded pod that no Job owns, and not an ordinary one', () => {
    const { pod } = fixture('Running');
    const bare: Pod = { ...pod, metadata: { ...pod.metadata, name: 'bare', labels: {}, ownerReferences: [] } };
    const ordinary: Pod = { ...bare, metadata: { ...bare.metadata, name: 'ordinary' }, spec: { nodeName: 'worker-1' } };
    const idx = new JobIndex();
    idx.setVirtualNodes(VNODES);
    expect(idx.upsertPod(bare)).toMatchObject([{ type: 'upsert', row: { key: 'pod:alice/bare', kind: 'Pod', origin: 'other' } }]);
    expect(idx.upsertPod(ordinary)).toEqual([]);
    expect(idx.deletePod(bare)).toEqual([expect.objectContaining({ type: 'delete', key: 'pod:alice/bare' })]);
  });

  it('lists Jobs for normal nodes only when Offload created them', () => {
    const { job } = fixture('Succeeded');
    const normal: Job = {
      ...job,
      metadata: { ...job.metadata, uid: 'u-normal', name: 'normal', labels: {} },
      spec: { ...job.spec, template: { spec: { nodeSelector: {}, tolerations: [] } } },
    };
    const idx = new JobIndex();
    idx.setVirtualNodes(VNODES);
    expect(idx.upsertJob(normal)).toEqual([]);
    const ours: Job = { ...normal, metadata: { ...normal.metadata, labels: { [MANAGED_BY_LABEL]: 'offload' } } };
    expect(idx.upsertJob(ours)).toMatchObject([{ type: 'upsert', row: { origin: 'offload', offloaded: false } }]);
  });

  it('recomputes rows when the set of virtual nodes changes, and not otherwise', () => {
    const { pod } = fixture('Running');
    // Bound to vega-vk without tolerating the taint: offloaded only while vega-vk is virtual.
    const bare: Pod = {
      ...pod,
      metadata: { ...pod.metadata, name: 'bare', ownerReferences: [], labels: {} },
      spec: { nodeName: 'vega-vk' },
    };
    const idx = new JobIndex();
    idx.setVirtualNodes(VNODES);
    idx.upsertPod(bare);
    expect(idx.setVirtualNodes(new Set(VNODES))).toEqual([]);
    expect(idx.setVirtualNodes(new Set(['lumi-vk']))).toEqual([expect.objectContaining({ type: 'delete', key: 'pod:alice/bare' })]);
    expect(idx.setVirtualNodes(VNODES)).toMatchObject([{ type: 'upsert', row: { key: 'pod:alice/bare' } }]);
  });

  it('uses events about the pod for the sentence', () => {
    const { job, pod } = fixture('WaitingForNode-NoSuchNode');
    const idx = new JobIndex();
    idx.setVirtualNodes(VNODES);
    idx.upsertJob(job);
    idx.upsertPod(pod);
    const before = idx.get(`job:alice/${job.metadata?.name}`);
    expect(before?.state).toBe('WaitingForNode');
    const changes = idx.addEvent({
      metadata: { uid: 'e1' },
      involvedObject: { kind: 'Pod', namespace: 'alice', name: pod.metadata?.name },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: 'a newer scheduling message',
    });
    expect(changes.every((c) => c.type === 'upsert')).toBe(true);
  });

  it('keeps a requested order up to date through every change, as a full sort would give it', () => {
    const byName = (a: { name: string; key: string }, b: { name: string; key: string }) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : 1;
    const bySlurmId = (a: { slurmJobId: string | null; key: string }, b: { slurmJobId: string | null; key: string }) =>
      (a.slurmJobId ?? '~') < (b.slurmJobId ?? '~') ? -1 : (a.slurmJobId ?? '~') > (b.slurmJobId ?? '~') ? 1 : a.key < b.key ? -1 : 1;
    const idx = indexWith('Running');
    const check = () => {
      expect(idx.sorted('name', byName)).toEqual([...idx.list()].sort(byName));
      expect(idx.sorted('slurm', bySlurmId)).toEqual([...idx.list()].sort(bySlurmId));
    };
    check();
    const { job, pod } = fixture('Succeeded');
    idx.upsertPod(pod);
    idx.upsertJob(job);
    check();
    // A bare offloaded pod row, then a change of its state, then its removal.
    const bare = { ...pod, metadata: { ...pod.metadata, name: 'bare', uid: 'bare-uid', ownerReferences: [], labels: {} } } as Pod;
    idx.upsertPod(bare);
    check();
    idx.upsertPod({ ...bare, metadata: { ...bare.metadata, annotations: { ...bare.metadata?.annotations, JobID: '1' } } });
    check();
    expect(idx.sorted('slurm', bySlurmId)[0]?.name).toBe('bare');
    idx.deletePod(bare);
    idx.deleteJob(job);
    check();
    expect(idx.sorted('name', byName)).toHaveLength(1);
  });
});
