import 'server-only';

import { createHash, randomUUID } from 'node:crypto';

import type { RunResponse } from '@/lib/api/services';
import { buildJob, JobBuildError, type BuildJobOptions, type BuiltJob } from '@/lib/interlink/jobs/job-builder';
import { buildPreview, type ServicePreview } from '@/lib/interlink/slurm/sbatch-preview';
import type { Service } from '@/lib/interlink/services/service';
import type { Identity } from '@/lib/k8s/access';
import { Conflict, Invalid, isKubeError } from '@/lib/errors';
import { objectsOf, type ObjectKind } from '@/lib/k8s/objects';
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
type Existing = Created & { metadata: { labels?: Record<string, string> } };

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

/**
 * The run's UUID for an Idempotency-Key: the same for the same person, service and key, so a
 * retried submission names the same Job and the API server refuses a second one.
 */
export function keyedUuid(owner: string, namespace: string, service: string, key: string): string {
  const h = createHash('sha256')
    .update(JSON.stringify([owner, namespace, service, key]))
    .digest('hex');
  // Shaped as a version-8 (custom) UUID, lower case, as job names take them.
  const variant = ((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface RunAnswer extends RunResponse {
  /** The Idempotency-Key named a run the caller had already made: this is that job. */
  repeated: boolean;
}

export async function runService(
  identity: Identity,
  namespace: string,
  name: string,
  input: string | Uint8Array | undefined,
  createdVia?: string,
  idempotencyKey?: string,
): Promise<RunAnswer> {
  const service = await getService(identity, namespace, name);
  const owner = await usernameOf(identity);
  const options: BuildJobOptions = {
    owner,
    uuid: idempotencyKey === undefined ? randomUUID() : keyedUuid(owner, namespace, name, idempotencyKey),
    ...(input !== undefined && { input }),
    ...(createdVia !== undefined && { createdVia }),
  };
  const objects = built(() => buildJob(service, options));
  return createRun(identity, service, objects, idempotencyKey !== undefined);
}

const alreadyExists = (err: unknown) => isKubeError(err) && err.code === 'conflict';

async function createRun(identity: Identity, service: Service, { job, configMap, secret }: BuiltJob, keyed: boolean): Promise<RunAnswer> {
  const objects = objectsOf(identity);
  const ns = service.namespace;
  const children: Array<{ kind: ObjectKind; name: string }> = [];
  const readJob = () => objects.get<Existing>('jobs', ns, job.metadata.name);
  // With a key, an input left by an earlier attempt of the same run has the same name: take it.
  const create = (kind: ObjectKind, body: { metadata: { name: string } }) =>
    objects.create<Created>(kind, ns, body).then(
      () => children.push({ kind, name: body.metadata.name }),
      (err: unknown) => {
        if (keyed && alreadyExists(err)) return;
        throw err;
      },
    );
  if (keyed) {
    const earlier = await readJob().catch(() => null);
    if (earlier !== null) return repeatedRun(earlier, job);
  }
  try {
    await create('configmaps', configMap);
    if (secret !== undefined) await create('secrets', secret);
    const created = await objects.create<Created>('jobs', ns, job).catch(async (err: unknown) => {
      // Two attempts of one keyed run at once: the other made the Job.
      if (keyed && alreadyExists(err)) return readJob().then((j) => ({ ...repeatedRun(j, job), uid: '' }));
      throw err;
    });
    if ('repeated' in created) return { namespace: ns, name: created.name, repeated: true };
    const ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: created.metadata.name, uid: created.metadata.uid }];
    for (const child of children) {
      // The Job already runs; a child left without its owner is only litter, so log and go on.
      await objects
        .patch(child.kind, ns, child.name, { metadata: { ownerReferences } })
        .catch((err: unknown) =>
          log.warn('run: could not hand an object to its job', { kind: child.kind, name: child.name, err: errorText(err) }),
        );
    }
    return { namespace: ns, name: created.metadata.name, repeated: false };
  } catch (err) {
    // Nothing half-made stays behind: the Job was not created, so neither are its inputs.
    for (const child of children) await objects.remove(child.kind, ns, child.name).catch(() => undefined);
    throw err;
  }
}

/** An existing Job named by a run's key: the caller's run of this service, or a conflict. */
function repeatedRun(existing: Existing, wanted: BuiltJob['job']): RunAnswer {
  const labels = existing.metadata.labels ?? {};
  const same = Object.entries(wanted.metadata.labels ?? {}).every(([k, v]) => labels[k] === v);
  if (!same) throw new Conflict(`Job ${existing.metadata.name} already exists and is not this run of yours; send another Idempotency-Key.`);
  return { namespace: wanted.metadata.namespace, name: existing.metadata.name, repeated: true };
}
