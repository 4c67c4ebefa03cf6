// What the cluster and Slurm say, read directly (not through Offload), to check Offload
// against: a pod watch of the soak's namespaces for push latency, and at the end every Job,
// its pods and their Slurm jobs (sacct), to account for every submission.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { Watch, type V1Pod } from '@kubernetes/client-node';

import { LAB, labClients } from '../cluster.ts';

const run = promisify(execFile);
const MANAGED = 'app.kubernetes.io/managed-by=offload';

export interface PodChange {
  at: number;
  /** `job:namespace/jobName`, the key of the job's row in Offload (lib/interlink/jobs/job-view.ts). */
  key: string;
  phase: string;
}

/** Watches Offload-made pods; reports each phase change with the time the watch saw it. */
export function watchPods(onChange: (c: PodChange) => void): () => void {
  const { kc } = labClients();
  const phases = new Map<string, string>();
  let stopped = false;
  let abort: AbortController | null = null;
  const loop = async () => {
    while (!stopped) {
      await new Promise<void>((done) => {
        void new Watch(kc)
          .watch(
            '/api/v1/pods',
            { labelSelector: MANAGED },
            (type: string, pod: V1Pod) => {
              const job = pod.metadata?.labels?.['job-name'];
              const uid = pod.metadata?.uid ?? '';
              const phase = type === 'DELETED' ? 'Deleted' : (pod.status?.phase ?? '');
              if (job === undefined || phases.get(uid) === phase) return;
              phases.set(uid, phase);
              onChange({ at: Date.now(), key: `job:${pod.metadata?.namespace ?? ''}/${job}`, phase });
            },
            () => done(),
          )
          .then(
            (a) => (abort = a),
            () => done(),
          );
      });
      if (!stopped) await new Promise((r) => setTimeout(r, 1_000));
    }
  };
  void loop();
  return () => {
    stopped = true;
    abort?.abort();
  };
}

export interface JobTruth {
  namespace: string;
  name: string;
  terminal: 'Complete' | 'Failed' | null;
  pods: Array<{ uid: string; phase: string; slurmJobId: string | null }>;
}

interface ListedJob {
  metadata: { name: string; namespace: string };
  status?: { conditions?: Array<{ type: string; status: string }> };
}
interface ListedPod {
  metadata: { uid: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  status?: { phase?: string };
}

export async function clusterJobs(namespaces: readonly string[]): Promise<JobTruth[]> {
  const { batch, core } = labClients();
  const out: JobTruth[] = [];
  for (const namespace of namespaces) {
    const jobs = (await batch.listNamespacedJob({ namespace, labelSelector: MANAGED })).items as unknown as ListedJob[];
    const pods = (await core.listNamespacedPod({ namespace, labelSelector: MANAGED })).items as unknown as ListedPod[];
    for (const j of jobs) {
      const done = j.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      out.push({
        namespace,
        name: j.metadata.name,
        terminal: (done?.type as JobTruth['terminal'] | undefined) ?? null,
        pods: pods
          .filter((p) => p.metadata.labels?.['job-name'] === j.metadata.name)
          .map((p) => ({ uid: p.metadata.uid, phase: p.status?.phase ?? '', slurmJobId: p.metadata.annotations?.JobID ?? null })),
      });
    }
  }
  return out;
}

export interface SlurmJob {
  id: string;
  state: string;
  /** The batch script the plugin wrote: its directory is named after the pod's UID. */
  command: string;
}

/** Every job slurmctld still knows (the lab keeps them a day, MinJobAge), from `scontrol show job -o`. */
export async function slurmJobs(): Promise<SlurmJob[]> {
  const { stdout } = await run('scontrol', ['show', 'job', '-o'], {
    env: { ...process.env, SLURM_CONF: path.join(LAB, 'slurm', 'slurm.conf') },
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('JobId='))
    .map((l) => {
      const field = (k: string) => new RegExp(`(?:^| )${k}=(\\S*)`).exec(l)?.[1] ?? '';
      return { id: field('JobId'), state: field('JobState'), command: field('Command') };
    });
}
