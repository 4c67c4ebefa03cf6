import { LEGACY_SLURM_ANNOTATIONS as LEGACY, SLURM_ANNOTATIONS as SLURM } from '../model/keys.ts';
import { type PolicyKind, commonVariables, where } from './policy-cel.ts';
import { flagValidations, flagVariables } from './policy-flags.ts';
import { bindValidations, bindVariables } from './policy-binds.ts';
import { annotationValidations, reservedValidations } from './policy-annotations.ts';
import { specValidations } from './policy-spec.ts';

// The cluster's side of Offload's validation: two ValidatingAdmissionPolicies (Jobs, Pods) in
// CEL, made from the same table and patterns as Offload's validator (sbatch-options.ts,
// admission-patterns.ts), so that a Job written with kubectl or by OSCAR meets the rules a
// Job from Offload meets. admission-rules.ts is the same policy in TypeScript; a lab test
// sends one corpus to both. scripts/gen-admission-policy.ts writes the result to deploy/.
//
// The CEL keeps to what Kubernetes 1.30 offers (ValidatingAdmissionPolicy GA): strings
// (split, join, substring, indexOf), optionals, regex `matches`. A list of item positions up
// to MAX_FLAG_TOKENS stands in for index iteration, which CEL only gained later.

export interface PolicyObject {
  apiVersion: 'admissionregistration.k8s.io/v1';
  kind: 'ValidatingAdmissionPolicy';
  metadata: { name: string };
  spec: Record<string, unknown>;
}

/** The policy for Jobs or for Pods that target an interLink virtual node. */
export function admissionPolicy(kind: PolicyKind, name: string): PolicyObject {
  const w = where(kind);
  const resource =
    kind === 'Job'
      ? { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs'] }
      : { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] };
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      failurePolicy: 'Fail',
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: { resourceRules: [resource] },
      // Cheap and without the site's settings: only a pod that names a node or tolerates a taint
      // can reach a virtual node, so every other pod skips the policy.
      matchConditions: [
        {
          name: 'may-target-a-node',
          expression: `has(${w.spec}.tolerations) || has(${w.spec}.nodeName) || has(${w.spec}.nodeSelector)`,
        },
      ],
      variables: [
        ...commonVariables(kind),
        ...flagVariables(kind),
        ...bindVariables(kind, 'binds', SLURM.singularityMounts),
        ...bindVariables(kind, 'legacyBinds', LEGACY.singularityMounts),
      ],
      validations: [
        ...reservedValidations(kind),
        ...flagValidations(),
        ...bindValidations('binds', SLURM.singularityMounts),
        ...bindValidations('legacyBinds', LEGACY.singularityMounts),
        ...annotationValidations(kind),
        ...specValidations(),
      ],
    },
  };
}
export type { PolicyKind } from './policy-cel';
