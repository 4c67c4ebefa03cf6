import { CONTROL_PLANE_ROLE_LABELS, VIRTUAL_NODE_LABELS } from '../model/keys';
import type { ObjectMeta } from '../model/types';

export type NodeKind = 'interlink' | 'other';

/** Has a control-plane or master role label (any value), like OSCAR's `!label` selector. */
export function isControlPlane(node: { metadata?: ObjectMeta }): boolean {
  const labels = node.metadata?.labels ?? {};
  return CONTROL_PLANE_ROLE_LABELS.some((key) => key in labels);
}

/**
 * An interLink virtual node carries `virtual-node.interlink/type=virtual-kubelet` (0.4+)
 * or the older `type=virtual-kubelet`, and is not a control-plane node. This is the same
 * test OSCAR uses to find virtual nodes (interLink pkg/virtualkubelet/virtualkubelet.go), so Offload and OSCAR agree on
 * which nodes count.
 */
export function isInterlinkNode(node: { metadata?: ObjectMeta }): boolean {
  const labels = node.metadata?.labels ?? {};
  const labelled = [VIRTUAL_NODE_LABELS.current, VIRTUAL_NODE_LABELS.legacy].some(({ key, value }) => labels[key] === value);
  return labelled && !isControlPlane(node);
}

export function classifyNode(node: { metadata?: ObjectMeta }): NodeKind {
  return isInterlinkNode(node) ? 'interlink' : 'other';
}
