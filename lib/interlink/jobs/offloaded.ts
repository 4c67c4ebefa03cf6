import { NODE_LABELS, VIRTUAL_NODE_TAINT } from '../model/keys';
import type { Job, PodSpec, Toleration } from '../model/types';

// A pod is "offloaded" when it runs, or is meant to run, on an interLink virtual node.
// OSCAR places such pods with a nodeSelector on `kubernetes.io/hostname` and a toleration
// of the virtual node taint (OSCAR pkg/types/interlink.go); a pod already bound shows its node in
// spec.nodeName.

/** Does this toleration let a pod onto a node with the virtual-node taint? */
export function toleratesVirtualNodeTaint(t: Toleration): boolean {
  // An empty key with operator Exists tolerates every taint (Kubernetes semantics).
  if ((t.key === undefined || t.key === '') && t.operator === 'Exists') return effectMatches(t);
  if (t.key !== VIRTUAL_NODE_TAINT.key) return false;
  const operator = t.operator ?? 'Equal';
  if (operator === 'Exists') return effectMatches(t);
  return operator === 'Equal' && t.value === VIRTUAL_NODE_TAINT.value && effectMatches(t);
}

function effectMatches(t: Toleration): boolean {
  return t.effect === undefined || t.effect === '' || t.effect === VIRTUAL_NODE_TAINT.effect;
}

/** The virtual node a pod is bound to or selects, if it names one of `virtualNodes`. */
export function targetVirtualNode(spec: PodSpec | undefined, virtualNodes: ReadonlySet<string>): string | undefined {
  const bound = spec?.nodeName;
  if (bound !== undefined && bound !== '') return virtualNodes.has(bound) ? bound : undefined;
  const selected = spec?.nodeSelector?.[NODE_LABELS.hostname];
  return selected !== undefined && virtualNodes.has(selected) ? selected : undefined;
}

/**
 * Is a pod (spec) offloaded? True when it is bound to or selects a known virtual node, or
 * when it tolerates the virtual-node taint (which only offloaded workloads do: it names
 * the intent even while the virtual node is not registered yet). A pod bound to an
 * ordinary node is not offloaded, whatever it tolerates.
 */
export function isPodSpecOffloaded(spec: PodSpec | undefined, virtualNodes: ReadonlySet<string>): boolean {
  if (targetVirtualNode(spec, virtualNodes) !== undefined) return true;
  const bound = spec?.nodeName;
  if (bound !== undefined && bound !== '') return false;
  return (spec?.tolerations ?? []).some((t) => t.key === VIRTUAL_NODE_TAINT.key && toleratesVirtualNodeTaint(t));
}

export function isPodOffloaded(pod: { spec?: PodSpec } | undefined, virtualNodes: ReadonlySet<string>): boolean {
  return isPodSpecOffloaded(pod?.spec, virtualNodes);
}

/** A Job is offloaded when its pod template is. */
export function isJobOffloaded(job: Job | undefined, virtualNodes: ReadonlySet<string>): boolean {
  return isPodSpecOffloaded(job?.spec?.template?.spec, virtualNodes);
}
