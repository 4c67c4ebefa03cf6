import { CREATOR_ANNOTATIONS, ENV_NAME, IMAGE_VALUE, PATH_VALUE, PROBE_UNSAFE, UNNORMAL_PATH } from './admission-patterns';
import { reservedAnnotationReason, validateAnnotations } from '../services/annotation-rules';
import { NODE_LABELS, SLURM_ANNOTATIONS, VIRTUAL_NODE_TAINT } from '../model/keys';
import type { Issue } from '../services/service';
import { bindRootError, words, type SiteRules } from '../services/site-rules';

// The admission policy (admission-policy.ts) in TypeScript, for a Job or Pod being created:
// the same decisions, made by Offload's own validator (validateAnnotations) for the
// annotations and by the same patterns for the pod spec. The lab test
// app/api/admission.int.test.ts sends one corpus to this and to the API server.

export interface AdmissionSettings extends SiteRules {
  virtualNodes: readonly string[];
  exemptGroups: readonly string[];
  exemptUsers: readonly string[];
  /** `namespace=flavor` pairs; empty: flavors are not pinned. */
  namespaceFlavors: readonly string[];
}

/** The settings from the policy's parameter ConfigMap data. */
export function admissionSettings(data: Readonly<Record<string, string>>): AdmissionSettings {
  return {
    virtualNodes: words(data.virtualNodes),
    allowedBindRoots: words(data.allowedBindRoots),
    refusedBindRoots: words(data.refusedBindRoots),
    exemptGroups: words(data.exemptGroups),
    exemptUsers: words(data.exemptUsers),
    namespaceFlavors: words(data.namespaceFlavors),
    preExec: data.preExec === 'refuse' ? 'refuse' : 'allow',
  };
}

interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; host?: string };
}
interface Container {
  image?: string;
  env?: Array<{ name: string }>;
  volumeMounts?: Array<{ mountPath: string }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}
export interface AdmissionPodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Array<{ key?: string; operator?: string; effect?: string }>;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: {
        nodeSelectorTerms?: Array<{ matchFields?: Array<{ key: string; operator: string; values?: string[] }> }>;
      };
    };
  };
  securityContext?: { runAsUser?: number };
  containers: Container[];
  initContainers?: Container[];
  volumes?: Array<{ hostPath?: { path: string } }>;
}
interface Meta {
  annotations?: Record<string, string>;
}
export type AdmissionObject =
  | { kind: 'Pod'; metadata: Meta; spec: AdmissionPodSpec }
  | { kind: 'Job'; metadata: Meta; spec: { template: { metadata?: Meta; spec: AdmissionPodSpec } } };

export interface AdmissionRequest {
  namespace: string;
  username: string;
  groups: readonly string[];
}

/**
 * Does the pod reach a virtual node? Bound to one, selecting one by host name, tolerating its
 * taint by name, or tolerating every taint without being pinned elsewhere (a DaemonSet's pod
 * is pinned by metadata.name).
 */
export function targetsVirtualNode(spec: AdmissionPodSpec, virtualNodes: readonly string[]): boolean {
  if ((spec.nodeName ?? '') !== '') return virtualNodes.includes(spec.nodeName ?? '');
  const hostname = spec.nodeSelector?.[NODE_LABELS.hostname];
  if (hostname !== undefined && virtualNodes.includes(hostname)) return true;
  const tolerations = spec.tolerations ?? [];
  if (tolerations.some((t) => (t.key ?? '') === VIRTUAL_NODE_TAINT.key)) return true;
  const everything = tolerations.some(
    (t) => (t.key ?? '') === '' && t.operator === 'Exists' && ['', VIRTUAL_NODE_TAINT.effect].includes(t.effect ?? ''),
  );
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const pinned =
    hostname !== undefined ||
    (terms.length > 0 &&
      terms.every((term) =>
        (term.matchFields ?? []).some(
          (f) => f.key === 'metadata.name' && f.operator === 'In' && (f.values ?? []).every((n) => !virtualNodes.includes(n)),
        ),
      ));
  return everything && !pinned;
}

/** What the policy refuses in `object` being created by `request`; [] when it is admitted. */
export function admissionProblems(object: AdmissionObject, settings: AdmissionSettings, request: AdmissionRequest): Issue[] {
  const exempt = settings.exemptUsers.includes(request.username) || request.groups.some((g) => settings.exemptGroups.includes(g));
  const pod = object.kind === 'Job' ? object.spec.template : object;
  const spec = pod.spec;
  if (exempt || !targetsVirtualNode(spec, settings.virtualNodes)) return [];
  const annotations = pod.metadata?.annotations ?? {};
  const prefix = object.kind === 'Job' ? ['spec', 'template', 'metadata', 'annotations'] : ['metadata', 'annotations'];
  const issues: Issue[] = validateAnnotations(annotations, settings).map((i) => ({ ...i, path: [...prefix, ...i.path] }));
  if (object.kind === 'Job') {
    for (const key of Object.keys(object.metadata.annotations ?? {})) {
      if ((CREATOR_ANNOTATIONS as readonly string[]).includes(key)) continue;
      const reason = reservedAnnotationReason(key);
      if (reason !== null) issues.push({ path: ['metadata', 'annotations', key], message: `'${key}' is reserved: ${reason}` });
    }
  }
  const flavor = annotations[SLURM_ANNOTATIONS.flavor];
  if (settings.namespaceFlavors.length > 0 && !settings.namespaceFlavors.includes(`${request.namespace}=${flavor ?? ''}`)) {
    issues.push({
      path: [...prefix, SLURM_ANNOTATIONS.flavor],
      message: `must be the flavor this site assigns to namespace ${request.namespace}`,
    });
  }
  const at = object.kind === 'Job' ? ['spec', 'template', 'spec'] : ['spec'];
  return [...issues, ...specIssues(spec, settings).map((i) => ({ ...i, path: [...at, ...i.path] }))];
}

const matches = (pattern: string) => (text: string) => new RegExp(pattern).test(text);
const imageOk = matches(IMAGE_VALUE);
const envOk = matches(ENV_NAME);
const pathOk = (p: string) => matches(PATH_VALUE)(p) && !matches(UNNORMAL_PATH)(p);
const probeOk = (p: Probe | undefined) =>
  p === undefined || [...(p.exec?.command ?? []), p.httpGet?.path ?? '', p.httpGet?.host ?? ''].every((x) => !matches(PROBE_UNSAFE)(x));

function specIssues(spec: AdmissionPodSpec, site: SiteRules): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Issue['path'], message: string) => issues.push({ path, message });
  const all = [...spec.containers, ...(spec.initContainers ?? [])];
  all.forEach((c, i) => {
    if (!imageOk(c.image ?? ''))
      add(
        ['containers', i, 'image'],
        'may contain only letters, digits and . _ : / @ + - (the plugin pastes the image unquoted into the job script)',
      );
    for (const e of c.env ?? [])
      if (!envOk(e.name))
        add(['containers', i, 'env', e.name], 'is not a POSIX variable name (the plugin writes it unquoted into the env file)');
    for (const m of c.volumeMounts ?? [])
      if (!pathOk(m.mountPath))
        add(
          ['containers', i, 'volumeMounts', m.mountPath],
          'must be an absolute path of letters, digits and / . _ - + @ % = ~, without //, . or ..',
        );
  });
  (spec.volumes ?? []).forEach((v, i) => {
    if (v.hostPath === undefined) return;
    const problem = pathOk(v.hostPath.path)
      ? bindRootError(v.hostPath.path, site)
      : 'must be an absolute path of letters, digits and / . _ - + @ % = ~, without //, . or ..';
    if (problem !== null) add(['volumes', i, 'hostPath', 'path'], problem);
  });
  if (spec.securityContext?.runAsUser !== undefined)
    add(['securityContext', 'runAsUser'], 'becomes sbatch --uid; the site decides the Slurm user');
  spec.containers.forEach((c, i) => {
    if (![c.readinessProbe, c.livenessProbe, c.startupProbe].every(probeOk))
      add(['containers', i, 'probes'], 'must not contain " $ ` or \\');
  });
  return issues;
}
