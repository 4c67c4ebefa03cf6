import type { BindMount } from '../slurm/bind-mounts';
import { OSCAR_DEFAULTS, type Visibility } from './service';
import type { SlurmFlags } from '../slurm/slurm-flags';

// The composer's model of a service, apart from the conversions (service-form.ts), so that a
// page can start a form without loading the Slurm and mount parsers.

/** One row of a key/value table (environment, secrets, labels, annotations). */
export interface KeyValueRow {
  key: string;
  value: string;
}

export interface ServiceForm {
  name: string;
  namespace: string;
  image: string;
  script: string;
  /** A virtual node's name, or '' for an ordinary node. */
  target: string;
  /** Kubernetes resources: they apply on ordinary nodes only (OFFLOADED_RESOURCES_NOTE). */
  cpu: string;
  memory: string;
  enableGpu: boolean;
  /** '' for OSCAR's default. */
  logLevel: string;
  vo: string;
  visibility: Visibility;
  allowedUsers: string[];
  slurm: SlurmFlags;
  mounts: BindMount[];
  singularityOptions: string;
  /** Shell lines run before the job; the final newline the plugin needs is added on save. */
  preExec: string;
  legacyAnnotations: boolean;
  /** Plain values, exactly as typed. */
  env: KeyValueRow[];
  secrets: KeyValueRow[];
  labels: KeyValueRow[];
  /** Annotations Offload does not model, e.g. slurm-job.vk.io/image-root or flavor. */
  annotations: KeyValueRow[];
}

export function emptyServiceForm(namespace: string): ServiceForm {
  return {
    name: '',
    namespace,
    image: '',
    script: '',
    target: '',
    cpu: OSCAR_DEFAULTS.cpu,
    memory: OSCAR_DEFAULTS.memory,
    enableGpu: false,
    logLevel: '',
    vo: '',
    visibility: OSCAR_DEFAULTS.visibility,
    allowedUsers: [],
    slurm: { extra: [] },
    mounts: [],
    singularityOptions: '',
    preExec: '',
    legacyAnnotations: true,
    env: [],
    secrets: [],
    labels: [],
    annotations: [],
  };
}
