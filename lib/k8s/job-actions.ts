import 'server-only';

import type { Identity } from './access';
import { objectsOf } from './objects';

// Writes on Jobs, made as the caller, so the API server's RBAC decides who may cancel or
// delete what; a refusal arrives as Forbidden.

/**
 * Cancels by suspending: the Job controller deletes the active pods, the virtual kubelet then
 * asks the plugin to scancel, and the suspended Job stays as the record.
 * The annotations say who did it and when, in the same merge patch.
 */
export async function suspendJob(identity: Identity, namespace: string, name: string, annotations: Record<string, string>): Promise<void> {
  await objectsOf(identity).patch('jobs', namespace, name, { metadata: { annotations }, spec: { suspend: true } });
}

/** Deletes the Job; Background propagation lets the garbage collector remove its pods. */
export async function deleteJobObject(identity: Identity, namespace: string, name: string): Promise<void> {
  await objectsOf(identity).remove('jobs', namespace, name, { propagationPolicy: 'Background' });
}
