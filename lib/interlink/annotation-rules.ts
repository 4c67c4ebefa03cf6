import { labelValueError, qualifiedKeyError } from './k8s-names';
import { OSCAR_LABELS, SLURM_ANNOTATIONS } from './keys';
import type { Issue } from './service';
import { oneLineProblem } from './shell-text';
import { MODELLED_ANNOTATIONS, readSlurmAnnotations } from './slurm-annotations';

// Rules for the `annotations` and `labels` maps of a service, whoever wrote them: the form,
// an OSCAR FDL posted as it is, or a script. Paths are relative to the map: [key, …].

/** Kubernetes refuses objects whose annotations exceed 256 KiB in total. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Label the Job gets from Offload itself (Kubernetes' recommended `managed-by`). */
export const MANAGED_BY_LABEL = { key: 'app.kubernetes.io/managed-by', value: 'offload' } as const;
const RESERVED_LABELS: readonly string[] = [OSCAR_LABELS.service, OSCAR_LABELS.jobOwner, MANAGED_BY_LABEL.key];
/** The Job controller labels the pods with these; other values would break the Job's selector. */
const KUBERNETES_JOB_LABELS: readonly string[] = ['job-name', 'controller-uid', 'batch.kubernetes.io/job-name', 'batch.kubernetes.io/controller-uid'];

/** Key prefixes the interLink Slurm plugin reads and pastes into its scripts (§3). */
const PLUGIN_PREFIXES = ['slurm-job.vk.io/', 'job.vk.io/'];

export function validateAnnotations(annotations: Readonly<Record<string, string>>): Issue[] {
  const issues = readSlurmAnnotations(annotations).issues;
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    bytes += new TextEncoder().encode(key + value).length;
    const keyProblem = qualifiedKeyError(key);
    if (keyProblem !== null) issues.push({ path: [key], message: keyProblem });
    if (MODELLED_ANNOTATIONS.includes(key) || !PLUGIN_PREFIXES.some((p) => key.startsWith(p))) continue;
    // Other plugin keys (image-root, flavor, enroot-*) reach the scripts too.
    const problem = oneLineProblem(value);
    if (problem !== null) issues.push({ path: [key], message: problem });
    else if (key === SLURM_ANNOTATIONS.imageRoot && /\s/.test(value)) {
      issues.push({ path: [key], message: 'must not contain whitespace: it is a prefix for the image reference' });
    }
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
