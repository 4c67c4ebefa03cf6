// Jobs for the jobs API tests, created in the lab as alice exactly as a person (kubectl) or
// OSCAR would create them: no fake API, real Slurm behind the virtual nodes.
import { randomUUID } from 'node:crypto';

import { buildJob } from '../../lib/interlink/jobs/job-builder.ts';
import { kubectlOk, uniqueName, type User } from './lab-commands.ts';
import { offloadedJob } from './manifests.ts';

export interface OscarJobOptions {
  prefix: string;
  script: string;
  node?: string;
  flags?: string;
  env?: Record<string, string>;
  /** The singularity-mounts annotation, e.g. `--bind /src:/dst`. */
  mounts?: string;
  namespace?: string;
  user?: User;
}

/** An OSCAR-shaped Job (label oscar_service, script in a ConfigMap) on a virtual node; returns its name. */
export async function createOscarJob(o: OscarJobOptions): Promise<string> {
  const name = uniqueName(o.prefix);
  const namespace = o.namespace ?? 'alice';
  const flags = o.flags ?? `--job-name=${o.prefix} --time=00:05:00 --cpus-per-task=1 --mem=100M`;
  await kubectlOk(
    o.user ?? 'alice',
    ['apply', '-f', '-'],
    offloadedJob({ name, namespace, node: o.node ?? 'vega-vk', flags, script: o.script, env: o.env, mounts: o.mounts }),
  );
  return name;
}

/** A Job Offload builds for a service without a virtual node: it runs on an ordinary node (kwok's worker-1). */
export async function createNormalNodeJob(prefix: string): Promise<string> {
  const service = {
    name: uniqueName(prefix).slice(0, 30),
    namespace: 'alice',
    image: 'busybox:1.36',
    script: 'echo on an ordinary node\n',
  };
  const built = buildJob(service, { owner: 'alice', uuid: randomUUID() });
  await kubectlOk('alice', ['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [built.configMap, built.job] }));
  return built.job.metadata.name;
}

export async function removeJobs(names: readonly string[], namespace = 'alice', user: User = 'alice'): Promise<void> {
  if (names.length === 0) return;
  await kubectlOk(user, ['-n', namespace, 'delete', 'job', ...names, '--wait=false', '--ignore-not-found']);
}
