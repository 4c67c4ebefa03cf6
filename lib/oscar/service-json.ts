import { serviceIssues } from '@/lib/api/service-schema';
import { coerceService } from '@/lib/interlink/services/fdl-coerce';
import { canonicalService, OSCAR_DEFAULTS, type Issue, type Service, type StorageIO } from '@/lib/interlink/services/service';

import { withOscarResources } from './resources';

// OSCAR's service JSON ⇄ Offload's service. What comes in is OSCAR 3.3.0's types.Service
// (github.com/grycap/oscar/blob/v3.3.0/pkg/types/service.go) as oscar-cli 1.12.2 sends it, plus
// the OSCAR 4 keys Offload models (`environment.secrets`, `visibility`). Every key is one of:
// - kept: Offload acts on it, and Offload's own rules check it (serviceIssues);
// - ignored: said by the server or filled in by oscar-cli, never stored, nothing of it runs
//   (`clusters` carries the password oscar-cli was given, so it must never be kept);
// - refused unless at its default: an OSCAR feature Offload does not have, which would
//   otherwise silently change what runs;
// - unknown: refused, naming the key.
// Keys match as Go's encoding/json matches them, case-insensitively (`Variables`/`variables`).

const KEPT = [
  'name',
  'image',
  'script',
  'interlink_node_name',
  'environment',
  'annotations',
  'labels',
  'memory',
  'cpu',
  'enable_gpu',
  'log_level',
  'vo',
  'visibility',
  'allowed_users',
  'input',
  'output',
  'mount',
  'volume',
] as const;
export const IGNORED_KEYS = ['cluster_id', 'token', 'owner', 'clusters', 'storage_providers'] as const;
/** What each refused key does in OSCAR, for the sentence that refuses it. */
export const UNSUPPORTED_KEYS: Readonly<Record<string, string>> = {
  total_memory: 'caps the memory of all its jobs together with YuniKorn',
  total_cpu: 'caps the CPUs of all its jobs together with YuniKorn',
  enable_sgx: 'runs the container with Intel SGX (SCONE)',
  image_prefetch: 'pulls the image on every node beforehand',
  alpine: 'picks the FaaS Supervisor built for Alpine images',
  file_stage_in: 'stops the FaaS Supervisor downloading the input',
  synchronous: 'scales the Knative replicas that serve synchronous runs',
  replicas: 'delegates jobs to other OSCAR clusters',
  delegation: 'delegates jobs to other OSCAR clusters',
  rescheduler_threshold: 'delegates queued jobs to other OSCAR clusters',
  image_pull_secrets: 'pulls the image with Kubernetes registry secrets',
  expose: 'exposes the container as a web service',
};
const ENVIRONMENT_KEYS = ['Variables', 'secrets'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OSCAR's zero value: what oscar-cli sends for a key the FDL does not set. */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.values(v).every(isZero);
}

/** `obj`'s keys matched to `known` as Go matches JSON keys (exact, else ignoring case). */
function fold(obj: Json, known: readonly string[]): { values: Map<string, unknown>; unknown: string[] } {
  const values = new Map<string, unknown>();
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const name = known.includes(key) ? key : known.find((k) => k.toLowerCase() === key.toLowerCase());
    if (name === undefined) unknown.push(key);
    else values.set(name, value);
  }
  return { values, unknown };
}

const ALL_KEYS: readonly string[] = [...KEPT, ...IGNORED_KEYS, ...Object.keys(UNSUPPORTED_KEYS), 'namespace'];

/**
 * The service an OSCAR client sent, in `namespace`, with a stated cpu and memory carried into
 * the Slurm flags (resources.ts) and OSCAR's defaults filled in as its create handler does
 * (memory 256Mi, CPU 0.2, log level INFO, upper-cased), and every problem: the OSCAR-only
 * keys, then Offload's own rules. Never throws.
 */
export function serviceFromOscar(body: unknown, namespace: string): { service: Service; issues: Issue[] } {
  if (!isObject(body)) {
    return {
      service: canonicalService({ name: '', namespace, image: '', script: '' }),
      issues: [{ path: [], message: "must be a JSON object: OSCAR's service definition" }],
    };
  }
  const issues: Issue[] = [];
  const { values, unknown } = fold(body, ALL_KEYS);
  for (const key of unknown)
    issues.push({ path: [key], message: 'is not a key of an OSCAR service; Offload refuses it rather than ignore it' });
  for (const [key, what] of Object.entries(UNSUPPORTED_KEYS)) {
    if (!isZero(values.get(key)))
      issues.push({ path: [key], message: `is not supported by Offload (in OSCAR it ${what}); leave it out or at its default` });
  }
  const asked = values.get('namespace');
  if (!isZero(asked) && asked !== namespace) {
    issues.push({
      path: ['namespace'],
      message:
        `is ${String(asked)}, but this endpoint works in namespace ${namespace}; ` + `use the base path /oscar/namespaces/${String(asked)}`,
    });
  }
  const raw: Json = Object.fromEntries([...values].filter(([key]) => (KEPT as readonly string[]).includes(key)));
  const environment = values.get('environment');
  if (isObject(environment)) {
    const env = fold(environment, ENVIRONMENT_KEYS);
    for (const key of env.unknown)
      issues.push({ path: ['environment', key], message: 'is not a key of an OSCAR environment: use Variables (or secrets)' });
    raw.environment = { variables: env.values.get('Variables'), secrets: env.values.get('secrets') };
  }
  const script = values.get('script');
  if (script !== undefined && typeof script !== 'string') issues.push({ path: ['script'], message: "must be the script's text" });
  const coerced = coerceService(raw, namespace, typeof script === 'string' ? script : '', []);
  const stated = { cpu: coerced.service.cpu ?? '', memory: coerced.service.memory ?? '' };
  const service = withOscarDefaults(withOscarResources(coerced.service, stated));
  issues.push(...coerced.issues, ...serviceIssues(service));
  return { service, issues };
}

/** What OSCAR's create handler fills in (checkValues, pkg/handlers/create.go). */
function withOscarDefaults(service: Service): Service {
  return {
    ...service,
    memory: service.memory || OSCAR_DEFAULTS.memory,
    cpu: service.cpu || OSCAR_DEFAULTS.cpu,
    log_level: (service.log_level ?? '').toUpperCase() || OSCAR_DEFAULTS.logLevel,
  };
}

/** One problem per line, each naming its field, as OSCAR's 400 answers begin. */
export function describeIssues(issues: readonly Issue[]): string {
  const lines = issues.map((i) => `${i.path.length === 0 ? 'the body' : i.path.join('.')}: ${i.message}`);
  return `The service specification is not valid: ${lines.join('; ')}.`.replace(/\.\.$/, '.');
}

/** OSCAR 3.3.0's service JSON (types.Service) as its API answers it. */
export interface OscarService {
  name: string;
  cluster_id: string;
  memory: string;
  cpu: string;
  total_memory: string;
  total_cpu: string;
  enable_gpu: boolean;
  enable_sgx: boolean;
  image_prefetch: boolean;
  synchronous: { min_scale: number; max_scale: number };
  delegation: string;
  rescheduler_threshold: number;
  log_level: string;
  image: string;
  alpine: boolean;
  token: string;
  file_stage_in: boolean;
  input: StorageIO[];
  output: StorageIO[];
  script: string;
  expose: {
    min_scale: number;
    max_scale: number;
    cpu_threshold: number;
    rewrite_target: boolean;
    nodePort: number;
    default_command: boolean;
    set_auth: boolean;
  };
  environment: { Variables: Record<string, string> };
  annotations: Record<string, string>;
  vo: string;
  labels: Record<string, string>;
  owner: string;
  interlink_node_name: string;
  allowed_users: string[];
  mount: StorageIO;
}

/**
 * A stored service as OSCAR answers it, every key present. Secret values are not sent: OSCAR
 * 3.3 has no secrets, and oscar-cli prints what it gets. `token` is what `service job` sends back.
 */
export function oscarFromService(service: Service, token: string): OscarService {
  const s = canonicalService(service);
  return {
    name: s.name,
    cluster_id: '',
    memory: s.memory ?? '',
    cpu: s.cpu ?? '',
    total_memory: '',
    total_cpu: '',
    enable_gpu: s.enable_gpu ?? false,
    enable_sgx: false,
    image_prefetch: false,
    synchronous: { min_scale: 0, max_scale: 0 },
    delegation: '',
    rescheduler_threshold: 0,
    log_level: s.log_level ?? '',
    image: s.image,
    alpine: false,
    token,
    file_stage_in: false,
    input: [...(s.input ?? [])],
    output: [...(s.output ?? [])],
    script: s.script,
    expose: { min_scale: 0, max_scale: 0, cpu_threshold: 0, rewrite_target: false, nodePort: 0, default_command: false, set_auth: false },
    environment: { Variables: { ...s.environment?.variables } },
    annotations: { ...s.annotations },
    vo: s.vo ?? '',
    labels: { ...s.labels },
    owner: '',
    interlink_node_name: s.interlink_node_name ?? '',
    allowed_users: [...(s.allowed_users ?? [])],
    mount: s.mount ?? { storage_provider: '', path: '' },
  };
}

/** Did the client send `environment.secrets`? (OSCAR 3.3 clients cannot; a PUT without it keeps them.) */
export function sendsSecrets(body: unknown): boolean {
  if (!isObject(body)) return false;
  const environment = fold(body, ['environment']).values.get('environment');
  return isObject(environment) && fold(environment, ENVIRONMENT_KEYS).values.has('secrets');
}
