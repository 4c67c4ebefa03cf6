import { MANAGED_BY_LABEL } from '../services/annotation-rules';
import { base64Encode, base64Utf8, utf8Bytes } from '../model/base64';
import {
  CONFIG_MOUNT_PATH,
  encodedEnvName,
  encodeEnvValue,
  EVENT_ENV,
  PRELUDE_FILE,
  renderPrelude,
  SCRIPT_FILE,
  SECRETS_MOUNT_PATH,
  WRITABLE_DIR,
} from '../slurm/env-encoding';
import type { ConfigMapManifest, ContainerManifest, JobManifest, Labels, SecretManifest } from './job-manifest';
import { isUuid, jobNameFor, PREVIEW_UUID } from './job-name';
import { dnsLabelError, ownerLabelValue } from '../model/k8s-names';
import { NODE_LABELS, OFFLOAD_CREATED_VIA_ANNOTATION, OSCAR_LABELS, VIRTUAL_NODE_TAINT } from '../model/keys';
import { isVirtualTarget, type Issue, type Service } from '../services/service';
import { normalizeService } from '../services/service-form';
import { validateService } from '../services/service-rules';

// Service → the objects one run creates, shaped like OSCAR's interLink jobs (OSCAR pkg/types/interlink.go).
// Pure and deterministic: the caller supplies the UUID, so the preview shows exactly what a
// run with the same UUID creates.

/** OSCAR's default TTL after a job finishes: 30 days. */
export const JOB_TTL_SECONDS = 30 * 24 * 60 * 60;
/** OSCAR's container and ConfigMap volume names (pkg/types/service.go). */
export const CONTAINER_NAME = 'oscar-container';
export const CONFIG_VOLUME = 'oscar-config';
export const SECRETS_VOLUME = 'offload-secrets';
/** Base64 of the input must fit one environment string (128 KiB on Linux). */
export const INPUT_MAX_BYTES = 96 * 1024;

export interface BuildJobOptions {
  /** The user the run belongs to; becomes the `oscar.grycap/job-owner` label. */
  owner: string;
  /** The run's UUID (crypto.randomUUID()); PREVIEW_UUID when absent. */
  uuid?: string;
  /** Overrides `<service>-<uuid>`. */
  jobName?: string;
  /** The event body; travels Base64-encoded in EVENT, as OSCAR sends it. */
  input?: string | Uint8Array;
  /** Which of Offload's APIs creates it, when not its own (the Job's `offload.io/created-via`). */
  createdVia?: string;
}

export interface BuiltJob {
  job: JobManifest;
  configMap: ConfigMapManifest;
  secret?: SecretManifest;
}

export class JobBuildError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    this.name = 'JobBuildError';
  }
}

/** Builds the run's objects; throws JobBuildError when the service or options are invalid. */
export function buildJob(service: Service, options: BuildJobOptions): BuiltJob {
  const input = typeof options.input === 'string' ? utf8Bytes(options.input) : (options.input ?? new Uint8Array());
  const uuid = options.uuid ?? PREVIEW_UUID;
  const issues = validateService(service);
  if (!isUuid(uuid)) issues.push({ path: ['uuid'], message: `'${uuid}' is not a lower-case UUID` });
  const name = options.jobName ?? (isUuid(uuid) ? jobNameFor(service.name, uuid) : service.name);
  const owner = ownerLabelValue(options.owner);
  const nameProblem = dnsLabelError(name);
  if (nameProblem !== null) issues.push({ path: ['jobName'], message: nameProblem });
  if (owner === '') issues.push({ path: ['owner'], message: 'must contain a letter or digit' });
  if (input.length > INPUT_MAX_BYTES)
    issues.push({ path: ['input'], message: `is ${input.length} bytes; at most ${INPUT_MAX_BYTES} bytes (96 KiB)` });
  if (issues.length > 0) throw new JobBuildError(issues);

  const s = normalizeService(service);
  const variables = Object.entries(s.environment?.variables ?? {});
  const secrets = Object.entries(s.environment?.secrets ?? {});
  const labels: Labels = {
    ...s.labels,
    [OSCAR_LABELS.service]: s.name,
    [OSCAR_LABELS.jobOwner]: owner,
    [MANAGED_BY_LABEL.key]: MANAGED_BY_LABEL.value,
  };
  const annotations: Labels = { ...s.annotations };
  const meta = () => ({ name, namespace: s.namespace, labels: { ...labels } });
  const prelude = renderPrelude({ variables: variables.map(([n]) => n), secrets: secrets.map(([n]) => n) });
  const configMap: ConfigMapManifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(),
    data: { [SCRIPT_FILE]: s.script, [PRELUDE_FILE]: prelude },
  };
  const secret: SecretManifest | undefined =
    secrets.length === 0
      ? undefined
      : {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'Opaque',
          metadata: meta(),
          data: Object.fromEntries(secrets.map(([n, v]) => [n, base64Utf8(v)])),
        };
  const virtual = isVirtualTarget(s);
  const container: ContainerManifest = {
    name: CONTAINER_NAME,
    image: s.image,
    command: ['/bin/sh', `${CONFIG_MOUNT_PATH}/${PRELUDE_FILE}`],
    workingDir: WRITABLE_DIR,
    env: [
      { name: EVENT_ENV, value: base64Encode(input) },
      ...variables.map(([n, v]) => ({ name: encodedEnvName(n), value: encodeEnvValue(v) })),
    ],
    volumeMounts: [
      { name: CONFIG_VOLUME, mountPath: CONFIG_MOUNT_PATH, readOnly: true },
      ...(secret === undefined ? [] : [{ name: SECRETS_VOLUME, mountPath: SECRETS_MOUNT_PATH, readOnly: true }]),
    ],
  };
  // Offloaded: no limits, or the plugin would override --cpus-per-task/--mem with them
  // (produceSLURMScript in the Slurm plugin's pkg/slurm/prepare.go).
  if (!virtual) {
    const resources = kubernetesResources(s);
    if (resources !== undefined) container.resources = resources;
  }
  const job: JobManifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...meta(),
      annotations: { ...annotations, ...(options.createdVia !== undefined && { [OFFLOAD_CREATED_VIA_ANNOTATION]: options.createdVia }) },
    },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: JOB_TTL_SECONDS,
      template: {
        metadata: { labels: { ...labels }, annotations: { ...annotations } },
        spec: {
          restartPolicy: 'Never',
          ...(virtual && {
            nodeSelector: { [NODE_LABELS.hostname]: s.interlink_node_name ?? '' },
            tolerations: [{ key: VIRTUAL_NODE_TAINT.key, operator: 'Exists' as const }],
            // The job runs a researcher's script on the HPC side, which has no use for the
            // Kubernetes API. A mounted token would be written into the plugin's job
            // directory, readable by every job of the plugin's one account there.
            automountServiceAccountToken: false,
          }),
          containers: [container],
          volumes: [
            { name: CONFIG_VOLUME, configMap: { name } },
            ...(secret === undefined ? [] : [{ name: SECRETS_VOLUME, secret: { secretName: name } }]),
          ],
        },
      },
    },
  };
  return secret === undefined ? { job, configMap } : { job, configMap, secret };
}

/** OSCAR's resources on an ordinary node: CPU/memory as requests and limits, a GPU if asked. */
function kubernetesResources(s: Service): ContainerManifest['resources'] {
  const amounts: Labels = {};
  if ((s.cpu ?? '') !== '') amounts.cpu = s.cpu ?? '';
  if ((s.memory ?? '') !== '') amounts.memory = s.memory ?? '';
  const limits: Labels = { ...amounts, ...(s.enable_gpu === true && { 'nvidia.com/gpu': '1' }) };
  if (Object.keys(limits).length === 0) return undefined;
  return Object.keys(amounts).length === 0 ? { limits } : { requests: amounts, limits };
}
