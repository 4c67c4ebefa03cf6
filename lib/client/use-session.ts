'use client';

import { useQuery } from '@tanstack/react-query';

import type { Permission, Permissions } from '@/lib/api/auth';
import { queryKeys } from './query-keys';
import { apiCall } from './api-call';
import { loadSession } from './session';

// Who is signed in, and what they may do: the UI hides or disables what RBAC refuses.
// Only presentation: the server checks every request again.

export function useSession() {
  return useQuery({ queryKey: queryKeys.auth.session(), queryFn: () => loadSession(), staleTime: 60_000, retry: false });
}

async function fetchPermissions(namespace: string, signal: AbortSignal) {
  return apiCall<Permissions>(`/api/permissions${namespace === '' ? '' : `?namespace=${encodeURIComponent(namespace)}`}`, { signal });
}

/** '' asks cluster-wide. Cached as long as the server caches RBAC answers (30 s). */
export function usePermissions(namespace = '') {
  return useQuery({
    queryKey: queryKeys.auth.permissions(namespace),
    queryFn: ({ signal }) => fetchPermissions(namespace, signal),
    staleTime: 30_000,
    retry: false,
  });
}

/** true/false once known; undefined while asking (show nothing, or a disabled control). */
export function useCan(permission: Permission, namespace = ''): boolean | undefined {
  return usePermissions(namespace).data?.allowed[permission];
}

const SENTENCES: Record<Permission, string> = {
  listNodes: 'list nodes',
  listAllJobs: 'list jobs in all namespaces',
  listJobs: 'list jobs',
  readLogs: 'read pod logs',
  runJobs: 'create jobs',
  cancelJobs: 'cancel (patch) jobs',
  deleteJobs: 'delete jobs',
  listServices: 'list services (configmaps)',
  editServices: 'create or update services (configmaps)',
  deleteServices: 'delete services (configmaps)',
};

/** Why a control is disabled, naming the Kubernetes permission. */
export function refusal(permission: Permission, namespace = ''): string {
  return `Your Kubernetes role does not allow you to ${SENTENCES[permission]}${namespace ? ` in namespace ${namespace}` : ''}.`;
}
