import type { Service } from '@/lib/interlink/services/service';

import { apiErrorFrom } from './api-error';
import { apiFetch } from './session-client';
import type { RunResponse, ServiceList, ServiceRecord } from './services';

// The browser's side of /api/services. Answers are typed as the schemas the route handlers
// answer with, not parsed again (no zod in the pages); an error answer becomes an ApiError
// (code, sentence, field).

const servicePath = (namespace: string, name: string) => `/api/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.body !== undefined && { 'Content-Type': 'application/json' }), ...(init.headers as Record<string, string> | undefined) };
  const response = await apiFetch(path, { ...init, headers });
  if (!response.ok) throw await apiErrorFrom(response);
  return (response.status === 204 ? null : await response.json()) as T;
}

export function fetchServices(namespace: string, signal?: AbortSignal): Promise<ServiceList> {
  return call<ServiceList>(`/api/services${namespace === '' ? '' : `?namespace=${encodeURIComponent(namespace)}`}`, { signal });
}

export function fetchService(namespace: string, name: string, signal?: AbortSignal): Promise<ServiceRecord> {
  return call<ServiceRecord>(servicePath(namespace, name), { signal });
}

/** Creates the service, or replaces it when `resourceVersion` (the one it was read at) is given. */
export function saveService(service: Service, resourceVersion: string | null): Promise<ServiceRecord> {
  if (resourceVersion === null) return call<ServiceRecord>('/api/services', { method: 'POST', body: JSON.stringify(service) });
  return call<ServiceRecord>(servicePath(service.namespace, service.name), { method: 'PUT', body: JSON.stringify({ ...service, resourceVersion }) });
}

/** Deletes the service as it was read (`resourceVersion`): 409 when it changed since. */
export async function deleteService(namespace: string, name: string, resourceVersion: string): Promise<void> {
  const response = await apiFetch(`${servicePath(namespace, name)}?${new URLSearchParams({ resourceVersion }).toString()}`, { method: 'DELETE' });
  if (!response.ok) throw await apiErrorFrom(response);
}

/** One click, one run: the key is the click's, so a resent request (a renewed session) never makes a second job. */
export function runService(namespace: string, name: string, input: string): Promise<RunResponse> {
  const headers = { 'Idempotency-Key': crypto.randomUUID() };
  return call<RunResponse>(`${servicePath(namespace, name)}/jobs`, { method: 'POST', headers, body: JSON.stringify(input === '' ? {} : { input }) });
}
