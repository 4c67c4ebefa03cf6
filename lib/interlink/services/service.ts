// The service as OSCAR's REST API and FDL spell it (OSCAR pkg/types/service.go), plus `namespace`, so an
// OSCAR definition can be posted as it is. Only the keys Offload acts on are modelled; the
// shared zod schema (lib/api/service-schema.ts) drops any others.

export const VISIBILITIES = ['private', 'public', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The FaaS Supervisor's levels (OSCAR default INFO). Kept for OSCAR compatibility. */
export const LOG_LEVELS = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG', 'NOTSET'] as const;

/** One entry of OSCAR's `input` / `output` storage lists. */
export interface StorageIO {
  storage_provider: string;
  path: string;
  suffix?: readonly string[];
  prefix?: readonly string[];
}

/** OSCAR's `mount`: a storage provider mounted as a volume. */
export interface StorageMount {
  storage_provider: string;
  path: string;
}

/** OSCAR's `volume`: a managed PersistentVolumeClaim. */
export interface ServiceVolume {
  name?: string;
  size?: string;
  mount_path: string;
  lifecycle_policy?: string;
}

export interface ServiceEnvironment {
  /** Plain values, exactly as typed; encoded only on the way into a Job (env-encoding.ts). */
  variables?: Readonly<Record<string, string>>;
  secrets?: Readonly<Record<string, string>>;
}

export interface Service {
  name: string;
  namespace: string;
  image: string;
  /** The script's content (the FDL names a file; fdl.ts reads it). */
  script: string;
  /** A virtual node's name, or '' / absent for an ordinary node. */
  interlink_node_name?: string;
  environment?: ServiceEnvironment;
  annotations?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
  /** Kubernetes quantities; they reach ordinary nodes only, never an offloaded job. */
  memory?: string;
  cpu?: string;
  enable_gpu?: boolean;
  log_level?: string;
  vo?: string;
  visibility?: Visibility;
  allowed_users?: readonly string[];
  input?: readonly StorageIO[];
  output?: readonly StorageIO[];
  mount?: StorageMount;
  volume?: ServiceVolume | null;
}

/** One validation problem: a path into the Service and what is allowed there. */
export interface Issue {
  path: ReadonlyArray<string | number>;
  message: string;
}

/** OSCAR's defaults for a new service (OSCAR pkg/types/service.go). */
export const OSCAR_DEFAULTS = { memory: '256Mi', cpu: '0.2', logLevel: 'INFO', visibility: 'private' } as const;

/** OSCAR names services 1–39 characters long (`binding:"max=39"`). */
export const SERVICE_NAME_MAX = 39;

export function isVirtualTarget(service: Pick<Service, 'interlink_node_name'>): boolean {
  return (service.interlink_node_name ?? '') !== '';
}

/** True when OSCAR's `mount` is absent or the empty struct its API returns by default. */
export function isEmptyMount(mount: StorageMount | undefined): boolean {
  return mount === undefined || (mount.storage_provider === '' && mount.path === '');
}

/** A service with every optional key OSCAR's API always returns filled in. */
export type CanonicalService = Service &
  Required<
    Pick<
      Service,
      | 'interlink_node_name'
      | 'annotations'
      | 'labels'
      | 'memory'
      | 'cpu'
      | 'enable_gpu'
      | 'log_level'
      | 'vo'
      | 'visibility'
      | 'allowed_users'
    >
  > & {
    environment: Required<ServiceEnvironment>;
  };

/**
 * Every key present, as OSCAR's API returns a service and formToService writes one;
 * storage keys only when they hold something (validateService refuses them then). The one
 * place OSCAR's defaults are applied to a stored or received service.
 */
export function canonicalService(s: Service): CanonicalService {
  return {
    name: s.name,
    namespace: s.namespace,
    image: s.image,
    script: s.script,
    interlink_node_name: s.interlink_node_name ?? '',
    environment: { variables: { ...s.environment?.variables }, secrets: { ...s.environment?.secrets } },
    annotations: { ...s.annotations },
    labels: { ...s.labels },
    memory: s.memory ?? '',
    cpu: s.cpu ?? '',
    enable_gpu: s.enable_gpu ?? false,
    log_level: s.log_level ?? '',
    vo: s.vo ?? '',
    visibility: s.visibility ?? OSCAR_DEFAULTS.visibility,
    allowed_users: [...(s.allowed_users ?? [])],
    ...((s.input ?? []).length > 0 && { input: s.input }),
    ...((s.output ?? []).length > 0 && { output: s.output }),
    ...(!isEmptyMount(s.mount) && { mount: s.mount }),
    ...(s.volume !== undefined && s.volume !== null && { volume: s.volume }),
  };
}

/** The UI's sentence on the Kubernetes CPU/memory fields when the target is a virtual node. */
export const OFFLOADED_RESOURCES_NOTE =
  'On a virtual node the Kubernetes CPU, memory and GPU fields do not reach the Slurm job: ' +
  'set CPUs per task, memory and GPUs (--gres) in the Slurm fields; Offload always sends ' +
  '--cpus-per-task and --mem.';
