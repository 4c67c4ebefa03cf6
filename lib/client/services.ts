import type { Service } from '@/lib/interlink/services/service';

import { apiCall } from './api-call';
import type { RunResponse, ServiceList, ServiceRecord } from '@/lib/api/services';

// The browser's side of /api/services. Answers are typed as the schemas the route handlers
// answer with, not parsed again (no zod in the pages); an error answer becomes an ApiError
// (code, sentence, field).

const servicePath = (namespace: string, name: string) => `/api/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export function fetchServices(namespace: string, signal?: AbortSignal): Promise<ServiceList> {
  return apiCall<ServiceList>(`/api/services${namespace === '' ? '' : `?namespace=${encodeURIComponent(namespace)}`}`, { signal });
}

export function fetchService(namespace: string, name: string, signal?: AbortSignal): Promise<ServiceRecord> {
  return apiCall<ServiceRecord>(servicePath(namespace, name), { signal });
}

/** Creates the service, or replaces it when `resourceVersion` (the one it was read at) is given. */
export function saveService(service: Service, resourceVersion: string | null): Promise<ServiceRecord> {
  if (resourceVersion === null) return apiCall<ServiceRecord>('/api/services', { method: 'POST', json: service });
  return apiCall<ServiceRecord>(servicePath(service.namespace, service.name), { method: 'PUT', json: { ...service, resourceVersion } });
}

/** Deletes the service as it was read (`resourceVersion`): 409 when it changed since. */
export async function deleteService(namespace: string, name: string, resourceVersion: string): Promise<void> {
  await apiCall<null>(`${servicePath(namespace, name)}?${new URLSearchParams({ resourceVersion }).toString()}`, { method: 'DELETE' });
}

/** One click, one run: the key is the click's, so a resent request (a renewed session) never makes a second job. */
export function runService(namespace: string, name: string, input: string): Promise<RunResponse> {
  const headers = { 'Idempotency-Key': crypto.randomUUID() };
  return apiCall<RunResponse>(`${servicePath(namespace, name)}/jobs`, { method: 'POST', headers, json: input === '' ? {} : { input } });
}
