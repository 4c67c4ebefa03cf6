import { VIRTUAL_NODE_TAINT } from '../model/keys';

// Turns the scheduler's Unschedulable message into one plain sentence. The message looks
// like "0/3 nodes are available: 1 node(s) had untolerated taint {virtual-node.interlink/
// no-schedule: true}, 2 node(s) didn't match Pod's node affinity/selector. preemption: ...".
// An offloaded pod names its node through a hostname selector (as OSCAR builds it), so every
// other node fails the selector; what matters is why the one named node failed.

const SELECTOR_MISMATCH = /didn't match Pod's node affinity\/selector/;

/** The per-node reasons of an Unschedulable message, without counts. */
export function schedulerReasons(message: string): string[] {
  const afterColon = /nodes are available:\s*(.*)$/s.exec(message)?.[1];
  if (afterColon === undefined) return [];
  const firstSentence = afterColon.split(/\.(?:\s|$)/)[0] ?? '';
  return firstSentence
    .split(/,\s*/)
    .map((part) => part.trim().replace(/^\d+\s+/, ''))
    .filter((part) => part !== '');
}

function explainReason(reason: string, node: string): string {
  const taint = /untolerated taint\(?s?\)?\s*\{([^:}]+)/.exec(reason)?.[1]?.trim();
  if (taint === VIRTUAL_NODE_TAINT.key) {
    return `the pod does not tolerate the virtual-node taint ${VIRTUAL_NODE_TAINT.key} of ${node}`;
  }
  if (taint === 'node.kubernetes.io/not-ready') return `${node} is not ready`;
  if (taint === 'node.kubernetes.io/unreachable') return `${node} is unreachable`;
  if (taint === 'node.kubernetes.io/unschedulable' || /were unschedulable/.test(reason)) {
    return `${node} is cordoned (unschedulable)`;
  }
  if (taint !== undefined) return `the pod does not tolerate taint ${taint} of ${node}`;
  // Recent schedulers no longer name the taint ("1 node(s) had untolerated taint(s)"); an
  // offloaded pod tolerates the virtual-node taint, so the usual one left is not-ready.
  if (/untolerated taint/.test(reason)) {
    return `${node} has a taint the pod does not tolerate, as a node that is not ready or unreachable has`;
  }
  const insufficient = /Insufficient (\S+)/.exec(reason)?.[1];
  if (insufficient !== undefined) return `${node} has not enough free ${insufficient}`;
  if (/Too many pods/i.test(reason)) return `${node} has no room for more pods`;
  return reason;
}

/**
 * Why a pod is not scheduled, as a clause to follow "Waiting for a node: ".
 * `targetNode` is the node the pod selects by hostname, if any.
 */
export function explainUnschedulable(message: string | null, targetNode: string | null): string {
  if (message === null || message.trim() === '') return 'waiting for the scheduler';
  const reasons = schedulerReasons(message);
  if (reasons.length === 0) return message.trim();
  const node = targetNode ?? 'a node';
  const relevant = reasons.filter((r) => !SELECTOR_MISMATCH.test(r));
  if (relevant.length === 0) {
    return targetNode === null ? "no node matches the pod's node selector" : `no node named ${targetNode} exists`;
  }
  return [...new Set(relevant.map((r) => explainReason(r, node)))].join('; ');
}
