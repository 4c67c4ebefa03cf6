import 'server-only';

import type { Identity } from './access';
import { connectionFor } from './access';
import { requestJson } from './http';

// Writes on Jobs, made as the caller (connectionFor), so the API server's RBAC decides who
// may cancel or delete what; a refusal arrives as Forbidden.

const jobPath = (namespace: string, name: string) => `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs/${encodeURIComponent(name)}`;

/**
 * Cancels by suspending: the Job controller deletes the active pods, the virtual kubelet then
 * asks the plugin to scancel, and the suspended Job stays as the record (reference §5).
 * The annotations say who did it and when, in the same merge patch.
 */
export async function suspendJob(identity: Identity, namespace: string, name: string, annotations: Record<string, string>): Promise<void> {
  const body = { metadata: { annotations }, spec: { suspend: true } };
  await requestJson(connectionFor(identity), jobPath(namespace, name), { method: 'PATCH', patchType: 'merge', body });
}

/** Deletes the Job; Background propagation lets the garbage collector remove its pods. */
export async function deleteJobObject(identity: Identity, namespace: string, name: string): Promise<void> {
  const body = { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' };
  await requestJson(connectionFor(identity), jobPath(namespace, name), { method: 'DELETE', body });
}
