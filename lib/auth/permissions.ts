import 'server-only';

import type { Permission, Permissions } from '@/lib/api/auth';
import { isAllowed, type Access, type Identity } from '@/lib/k8s/access';

// What the UI offers a person (Run, Cancel, Edit, the node view), from the API server's
// own RBAC answers (SelfSubjectAccessReview, cached 30 s per question). It only decides
// what is shown: every request is checked again when it is made.

const jobs = { resource: 'jobs', group: 'batch' } as const;
const configMaps = { resource: 'configmaps' } as const;

/** Each permission is the conjunction of these questions (namespace filled in per request). */
const QUESTIONS: Record<Permission, ReadonlyArray<Omit<Access, 'namespace'> & { clusterWide?: true }>> = {
  listNodes: [{ verb: 'list', resource: 'nodes', clusterWide: true }],
  listAllJobs: [{ verb: 'list', ...jobs, clusterWide: true }],
  listJobs: [{ verb: 'list', ...jobs }],
  readLogs: [{ verb: 'get', resource: 'pods', subresource: 'log' }],
  runJobs: [
    { verb: 'create', ...jobs },
    { verb: 'create', ...configMaps },
    { verb: 'get', ...configMaps },
  ],
  cancelJobs: [{ verb: 'patch', ...jobs }],
  deleteJobs: [{ verb: 'delete', ...jobs }],
  listServices: [{ verb: 'list', ...configMaps }],
  editServices: [
    { verb: 'create', ...configMaps },
    { verb: 'update', ...configMaps },
  ],
  deleteServices: [{ verb: 'delete', ...configMaps }],
};

export async function permissionsFor(identity: Identity, namespace: string | undefined): Promise<Permissions> {
  const entries = await Promise.all(
    (Object.keys(QUESTIONS) as Permission[]).map(async (p) => {
      const answers = await Promise.all(
        QUESTIONS[p].map(({ clusterWide, ...q }) => isAllowed(identity, clusterWide || namespace === undefined ? q : { ...q, namespace })),
      );
      return [p, answers.every(Boolean)] as const;
    }),
  );
  return { namespace: namespace ?? null, allowed: Object.fromEntries(entries) as Record<Permission, boolean> };
}
