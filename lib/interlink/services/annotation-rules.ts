import {
  ENROOT_ANNOTATIONS,
  ENROOT_REASON,
  FLAVOR_VALUE,
  IMAGE_ROOT_VALUE,
  PLUGIN_PREFIXES,
  RESERVED_ANNOTATIONS,
  RESERVED_PREFIX,
  RESERVED_PREFIX_REASON,
} from '../admission/admission-patterns';
import { labelValueError, qualifiedKeyError } from '../model/k8s-names';
import { OSCAR_LABELS, SLURM_ANNOTATIONS } from '../model/keys';
import type { Issue } from './service';
import { oneLineProblem } from '../slurm/shell-text';
import { ANY_SITE, type SiteRules } from './site-rules';
import { MODELLED_ANNOTATIONS, readSlurmAnnotations } from '../slurm/slurm-annotations';
import { plainWordsError } from '../slurm/snippets';

// Rules for the `annotations` and `labels` maps of a service, whoever wrote them: the form,
// an OSCAR FDL posted as it is, or a script. Paths are relative to the map: [key, …].

/** Kubernetes refuses objects whose annotations exceed 256 KiB in total. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Label the Job gets from Offload itself (Kubernetes' recommended `managed-by`). */
export const MANAGED_BY_LABEL = { key: 'app.kubernetes.io/managed-by', value: 'offload' } as const;
const RESERVED_LABELS: readonly string[] = [OSCAR_LABELS.service, OSCAR_LABELS.jobOwner, MANAGED_BY_LABEL.key];
/** The Job controller labels the pods with these; other values would break the Job's selector. */
const KUBERNETES_JOB_LABELS: readonly string[] = [
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
];

/** Why only interLink or Offload may write `key`, or null. */
export function reservedAnnotationReason(key: string): string | null {
  if (Object.hasOwn(RESERVED_ANNOTATIONS, key)) return RESERVED_ANNOTATIONS[key] ?? null;
  return key.startsWith(RESERVED_PREFIX) ? RESERVED_PREFIX_REASON : null;
}

/** Other plugin keys: each reaches the scripts too (image-root, flavor, mpi-flags, enroot-*…). */
function pluginValueProblem(key: string, value: string): string | null {
  if ((ENROOT_ANNOTATIONS as readonly string[]).includes(key)) return `is not allowed: ${ENROOT_REASON}`;
  if (key === SLURM_ANNOTATIONS.mpiFlags) return plainWordsError(value);
  const line = oneLineProblem(value);
  if (line !== null) return line;
  if (key === SLURM_ANNOTATIONS.imageRoot && !new RegExp(IMAGE_ROOT_VALUE).test(value)) {
    return (
      'may contain only letters, digits and . _ : / @ + - : it is a prefix for the image ' +
      'reference, which the plugin pastes unquoted into the job script'
    );
  }
  if (key === SLURM_ANNOTATIONS.flavor && !new RegExp(FLAVOR_VALUE).test(value)) return 'must be a flavor name: letters, digits, . _ -';
  return null;
}

export function validateAnnotations(annotations: Readonly<Record<string, string>>, site: SiteRules = ANY_SITE): Issue[] {
  const issues = readSlurmAnnotations(annotations, {}, site).issues;
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    bytes += new TextEncoder().encode(key + value).length;
    const keyProblem = qualifiedKeyError(key);
    if (keyProblem !== null) issues.push({ path: [key], message: keyProblem });
    const reserved = reservedAnnotationReason(key);
    if (reserved !== null) issues.push({ path: [key], message: `'${key}' is reserved: ${reserved}` });
    if (MODELLED_ANNOTATIONS.includes(key) || !PLUGIN_PREFIXES.some((p) => key.startsWith(p))) continue;
    const problem = pluginValueProblem(key, value);
    if (problem !== null) issues.push({ path: [key], message: problem });
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    issues.push({ path: [], message: `take ${bytes} bytes; Kubernetes allows at most ${ANNOTATIONS_MAX_BYTES} bytes of annotations` });
  }
  return issues;
}

export function validateLabels(labels: Readonly<Record<string, string>>): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedKeyError(key);
    if (keyProblem !== null) issues.push({ path: [key], message: keyProblem });
    else if (RESERVED_LABELS.includes(key)) issues.push({ path: [key], message: `'${key}' is set by Offload on every job` });
    else if (KUBERNETES_JOB_LABELS.includes(key)) issues.push({ path: [key], message: `'${key}' is set by Kubernetes on every job's pod` });
    const valueProblem = labelValueError(value);
    if (valueProblem !== null) issues.push({ path: [key], message: valueProblem });
  }
  return issues;
}
