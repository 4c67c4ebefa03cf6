import { validateAnnotations, validateLabels } from './annotation-rules';
import { base64Utf8, utf8Bytes } from '../model/base64';
import { envNameError, envValueError } from '../slurm/env-encoding';
import { imageError } from './image-ref';
import { dnsLabelError, dnsSubdomainError } from '../model/k8s-names';
import { SLURM_ANNOTATIONS } from '../model/keys';
import { quantityError } from '../model/quantity';
import { isEmptyMount, isVirtualTarget, LOG_LEVELS, SERVICE_NAME_MAX, type Issue, type Service } from './service';
import { ANY_SITE, type SiteRules } from './site-rules';
import { readSlurmAnnotations } from '../slurm/slurm-annotations';

// Every rule a service must pass, as pure code, so the browser form and the route handler
// give the same answer with the same words (lib/api/service-schema.ts calls this).

/** The script shares a ConfigMap (1 MiB at most) with the prelude; leave it room. */
export const SCRIPT_MAX_BYTES = 512 * 1024;
/** Encoded variables live in the Job object and the job's environment, secrets in a Secret. */
export const ENV_TOTAL_MAX_BYTES = 512 * 1024;

const REMOTE_STORAGE =
  'cannot reach an offloaded job: the virtual node ships only ConfigMaps and Secrets to the ' +
  'HPC side, no volumes or OSCAR storage; bind a path of the HPC cluster instead';
const NO_SUPERVISOR = "is not supported: Offload runs the script without OSCAR's storage supervisor";

/** `site`: what the site allows beyond every site's rules (bind roots, pre-exec); Offload's composer does not know it. */
export function validateService(service: Service, site: SiteRules = ANY_SITE): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Issue['path'], message: string | null) => {
    if (message !== null) issues.push({ path, message });
  };
  const virtual = isVirtualTarget(service);
  const annotations = service.annotations ?? {};
  add(['name'], dnsLabelError(service.name, SERVICE_NAME_MAX));
  add(['namespace'], dnsLabelError(service.namespace));
  if (virtual) add(['interlink_node_name'], dnsSubdomainError(service.interlink_node_name ?? ''));
  const hasImageRoot = (annotations[SLURM_ANNOTATIONS.imageRoot] ?? '') !== '';
  add(['image'], imageError(service.image, { virtual, hasImageRoot }));
  add(['script'], scriptError(service.script));
  issues.push(...envIssues(service));
  issues.push(...validateAnnotations(annotations, site).map((i) => ({ ...i, path: ['annotations', ...i.path] })));
  issues.push(...validateLabels(service.labels ?? {}).map((i) => ({ ...i, path: ['labels', ...i.path] })));
  if ((service.memory ?? '') !== '') add(['memory'], quantityError(service.memory ?? '', '256Mi'));
  if ((service.cpu ?? '') !== '') add(['cpu'], quantityError(service.cpu ?? '', '0.5'));
  const level = service.log_level ?? '';
  if (level !== '' && !(LOG_LEVELS as readonly string[]).includes(level)) add(['log_level'], `must be one of ${LOG_LEVELS.join(', ')}`);
  (service.allowed_users ?? []).forEach((u, i) => add(['allowed_users', i], u.trim() === '' ? 'must not be empty' : null));
  const storage = virtual ? REMOTE_STORAGE : NO_SUPERVISOR;
  if ((service.input ?? []).length > 0) add(['input'], `OSCAR input storage ${storage}`);
  if ((service.output ?? []).length > 0) add(['output'], `OSCAR output storage ${storage}`);
  if (!isEmptyMount(service.mount)) add(['mount'], `an OSCAR storage mount ${storage}`);
  if (service.volume !== undefined && service.volume !== null) {
    add(['volume'], virtual ? `a persistent volume ${REMOTE_STORAGE}` : 'is not supported: Offload does not manage OSCAR volumes');
  }
  return issues;
}

function scriptError(script: string): string | null {
  if (script.trim() === '') return 'is required';
  if (script.includes('\u0000')) return 'must not contain a NUL character';
  if (/\p{Cs}/u.test(script)) return 'is not valid Unicode text (it has an unpaired surrogate)';
  const bytes = utf8Bytes(script).length;
  return bytes > SCRIPT_MAX_BYTES ? `is ${bytes} bytes; a script may have at most ${SCRIPT_MAX_BYTES} bytes (512 KiB)` : null;
}

function envIssues(service: Service): Issue[] {
  const issues: Issue[] = [];
  const variables = service.environment?.variables ?? {};
  const secrets = service.environment?.secrets ?? {};
  for (const [kind, map] of [
    ['variables', variables],
    ['secrets', secrets],
  ] as const) {
    let total = 0;
    for (const [name, value] of Object.entries(map)) {
      const path = ['environment', kind, name];
      const nameProblem = envNameError(name);
      if (nameProblem !== null) issues.push({ path, message: nameProblem });
      else if (kind === 'secrets' && Object.hasOwn(variables, name))
        issues.push({ path, message: `'${name}' is also a variable; a name can be one or the other` });
      const valueProblem = envValueError(value);
      if (valueProblem !== null) issues.push({ path, message: valueProblem });
      total += base64Utf8(value).length;
    }
    if (total > ENV_TOTAL_MAX_BYTES) {
      issues.push({
        path: ['environment', kind],
        message: `take ${total} bytes encoded; at most ${ENV_TOTAL_MAX_BYTES} bytes (512 KiB) fit a job`,
      });
    }
  }
  return issues;
}

// In service.ts, so the composer shows it without loading these rules with the page.
export { OFFLOADED_RESOURCES_NOTE } from './service';

/** Things worth saying that are not errors. */
export function serviceNotes(service: Service): string[] {
  const notes = readSlurmAnnotations(service.annotations ?? {}).notes;
  if (isVirtualTarget(service) && service.enable_gpu === true) {
    notes.push('enable_gpu does not reach an offloaded job; request GPUs with --gres=gpu:N in the Slurm flags');
  }
  return notes;
}
