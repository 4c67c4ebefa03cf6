import { ceilMilli, ceilValue, parseQuantity } from '../model/quantity';
import { canonicalService, isVirtualTarget, type Service } from './service';
import type { KeyValueRow, ServiceForm } from './service-form-model';
import { MODELLED_ANNOTATIONS, readSlurmAnnotations, writeSlurmAnnotations } from '../slurm/slurm-annotations';

// The composer's model ⇄ the service (OSCAR's JSON). Structured Slurm, mount and pre-exec
// fields live in the annotations on the service side, so whatever a person types in the
// form or writes into an OSCAR FDL ends up in one place, validated by one set of rules.
// formToService never throws: an invalid form still becomes a service, and validateService
// says what is wrong with it, in the same words on both sides.

export type { KeyValueRow, ServiceForm } from './service-form-model';
export { emptyServiceForm } from './service-form-model';

const rows = (map: Readonly<Record<string, string>> | undefined): KeyValueRow[] =>
  Object.entries(map ?? {}).map(([key, value]) => ({ key, value }));
const record = (list: readonly KeyValueRow[]): Record<string, string> => Object.fromEntries(list.map((r) => [r.key, r.value]));

/**
 * What OSCAR's CPU/memory limits gave an offloaded job before: the plugin turns a CPU limit
 * into ceil(CPUs) and a memory limit into whole MiB (Slurm's M). Used only when an imported
 * service's flags lack --cpus-per-task/--mem, so importing keeps the job's resources.
 */
export function slurmDefaultsFromKubernetes(cpu: string, memory: string): { cpusPerTask?: number; mem?: string } {
  const out: { cpusPerTask?: number; mem?: string } = {};
  const c = parseQuantity(cpu);
  const cpus = c === null ? 0n : (ceilMilli(c) + 999n) / 1000n;
  if (cpus > 0n && cpus <= BigInt(Number.MAX_SAFE_INTEGER)) out.cpusPerTask = Number(cpus);
  const m = parseQuantity(memory);
  const mib = m === null ? 0n : ceilValue(m) / (1024n * 1024n);
  if (mib > 0n) out.mem = mib % 1024n === 0n ? `${mib / 1024n}G` : `${mib}M`;
  return out;
}

export function serviceToForm(service: Service): ServiceForm {
  // OSCAR's defaults are filled in once, by canonicalService; the form reads what it says.
  const s = canonicalService(service);
  const virtual = isVirtualTarget(s);
  const annotations = s.annotations;
  const defaults = virtual ? slurmDefaultsFromKubernetes(s.cpu, s.memory) : {};
  const { flags, ...settings } = readSlurmAnnotations(annotations, defaults).settings;
  return {
    name: s.name,
    namespace: s.namespace,
    image: s.image,
    script: s.script,
    target: s.interlink_node_name,
    cpu: s.cpu,
    memory: s.memory,
    enableGpu: s.enable_gpu,
    logLevel: s.log_level,
    vo: s.vo,
    visibility: s.visibility,
    allowedUsers: [...s.allowed_users],
    slurm: flags,
    ...settings,
    env: rows(s.environment.variables),
    secrets: rows(s.environment.secrets),
    labels: rows(s.labels),
    annotations: rows(annotations).filter((r) => !MODELLED_ANNOTATIONS.includes(r.key)),
  };
}

/** The service for a form, in canonical shape (every key present, as OSCAR's API returns it). */
export function formToService(form: ServiceForm): Service {
  const virtual = form.target !== '';
  const slurm = writeSlurmAnnotations(
    {
      flags: form.slurm,
      mounts: form.mounts,
      singularityOptions: form.singularityOptions,
      preExec: form.preExec,
      legacyAnnotations: form.legacyAnnotations,
    },
    virtual,
  );
  return {
    name: form.name,
    namespace: form.namespace,
    image: form.image,
    script: form.script,
    interlink_node_name: form.target,
    environment: { variables: record(form.env), secrets: record(form.secrets) },
    annotations: { ...record(form.annotations.filter((r) => !MODELLED_ANNOTATIONS.includes(r.key))), ...slurm },
    labels: record(form.labels),
    memory: form.memory,
    cpu: form.cpu,
    enable_gpu: form.enableGpu,
    log_level: form.logLevel,
    vo: form.vo,
    visibility: form.visibility,
    allowed_users: [...form.allowedUsers],
  };
}

/**
 * The service as Offload stores and runs it: flags as `--name=value` tokens with CPUs and
 * memory, mounts as `--bind`, pre-exec ending in a newline, both key spellings as chosen.
 * Idempotent.
 */
export function normalizeService(service: Service): Service {
  return formToService(serviceToForm(service));
}

/** Problems only a form can have: rows a map cannot hold. Paths are form paths. */
export function formIssues(form: ServiceForm): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  for (const field of ['env', 'secrets', 'labels', 'annotations'] as const) {
    const seen = new Set<string>();
    for (const row of form[field]) {
      if (row.key === '') issues.push({ path: [field, ''], message: 'a row needs a name' });
      else if (seen.has(row.key)) issues.push({ path: [field, row.key], message: `'${row.key}' appears twice` });
      else if (field === 'annotations' && MODELLED_ANNOTATIONS.includes(row.key)) {
        issues.push({ path: [field, row.key], message: `'${row.key}' is set from the Slurm and Singularity fields; use them` });
      }
      seen.add(row.key);
    }
  }
  return issues;
}
