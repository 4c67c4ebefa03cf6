import 'server-only';

import { randomUUID } from 'node:crypto';

import type { RunResponse } from '@/lib/api/services';
import { buildJob, JobBuildError, type BuildJobOptions, type BuiltJob } from '@/lib/interlink/job-builder';
import { buildPreview, type ServicePreview } from '@/lib/interlink/sbatch-preview';
import type { Service } from '@/lib/interlink/service';
import { connectionFor, type Identity } from '@/lib/k8s/access';
import { Invalid } from '@/lib/k8s/errors';
import { requestJson } from '@/lib/k8s/http';
import { usernameOf } from '@/lib/k8s/whoami';
import { errorText, log } from '@/lib/observability/log';

import { getService } from './store';

// Running a stored service: the objects come from buildJob (lib/interlink), exactly as the
// preview shows them, and are created with the caller's identity. The ConfigMap and Secret
// exist before the Job, so the virtual kubelet finds them when the pod lands; afterwards they
// are made children of the Job, so deleting the Job (or its TTL) removes them too.

interface Created {
  metadata: { name: string; uid: string };
}

const collection = (namespace: string, plural: string, group = '') =>
  `${group === '' ? '/api/v1' : `/apis/${group}`}/namespaces/${encodeURIComponent(namespace)}/${plural}`;

/** buildJob/buildPreview, with their refusal turned into a 422 naming the field. */
function built<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (!(err instanceof JobBuildError)) throw err;
    const issue = err.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new Invalid(`${field}: ${issue?.message ?? 'is invalid'}.`, field);
  }
}

/** The Job a run would create and what the Slurm plugin would write for it. */
export async function previewService(identity: Identity, namespace: string, name: string): Promise<ServicePreview> {
  const service = await getService(identity, namespace, name);
  const owner = await usernameOf(identity);
  return built(() => buildPreview(service, { owner }));
}

export async function runService(identity: Identity, namespace: string, name: string, input: string | Uint8Array | undefined, createdVia?: string): Promise<RunResponse> {
  const service = await getService(identity, namespace, name);
  const options: BuildJobOptions = {
    owner: await usernameOf(identity),
    uuid: randomUUID(),
    ...(input !== undefined && { input }),
    ...(createdVia !== undefined && { createdVia }),
  };
  const objects = built(() => buildJob(service, options));
  return createRun(identity, service, objects);
}

async function createRun(identity: Identity, service: Service, { job, configMap, secret }: BuiltJob): Promise<RunResponse> {
  const conn = connectionFor(identity);
  const ns = service.namespace;
  const children: Array<{ path: string }> = [];
  try {
    await requestJson<Created>(conn, collection(ns, 'configmaps'), { method: 'POST', body: configMap });
    children.push({ path: `${collection(ns, 'configmaps')}/${configMap.metadata.name}` });
    if (secret !== undefined) {
      await requestJson<Created>(conn, collection(ns, 'secrets'), { method: 'POST', body: secret });
      children.push({ path: `${collection(ns, 'secrets')}/${secret.metadata.name}` });
    }
    const created = await requestJson<Created>(conn, collection(ns, 'jobs', 'batch/v1'), { method: 'POST', body: job });
    const ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: created.metadata.name, uid: created.metadata.uid }];
    for (const child of children) {
      // The Job already runs; a child left without its owner is only litter, so log and go on.
      await requestJson(conn, child.path, { method: 'PATCH', body: { metadata: { ownerReferences } } }).catch((err: unknown) =>
        log.warn('run: could not hand an object to its job', { path: child.path, err: errorText(err) }),
      );
    }
    return { namespace: ns, name: created.metadata.name };
  } catch (err) {
    // Nothing half-made stays behind: the Job was not created, so neither are its inputs.
    for (const child of children) await requestJson(conn, child.path, { method: 'DELETE' }).catch(() => undefined);
    throw err;
  }
}
