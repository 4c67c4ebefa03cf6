import type { z } from 'zod';

import type { Service } from '@/lib/interlink/service';

import { apiErrorFrom } from './api-error';
import { RunResponseSchema, ServiceListSchema, ServiceRecordSchema, type RunResponse, type ServiceList, type ServiceRecord } from './services';

// The browser's side of /api/services. Every answer is parsed with the schema the route
// handler answers with; an error answer becomes an ApiError (code, sentence, field).

const servicePath = (namespace: string, name: string) => `/api/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

async function call<S extends z.ZodType>(schema: S, path: string, init: RequestInit = {}): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(init.body !== undefined && { 'Content-Type': 'application/json' }) };
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) throw await apiErrorFrom(response);
  return schema.parse(response.status === 204 ? null : await response.json());
}

export function fetchServices(namespace: string, signal?: AbortSignal): Promise<ServiceList> {
  return call(ServiceListSchema, `/api/services${namespace === '' ? '' : `?namespace=${encodeURIComponent(namespace)}`}`, { signal });
}

export function fetchService(namespace: string, name: string, signal?: AbortSignal): Promise<ServiceRecord> {
  return call(ServiceRecordSchema, servicePath(namespace, name), { signal });
}

/** Creates the service, or replaces it when `resourceVersion` (the one it was read at) is given. */
export function saveService(service: Service, resourceVersion: string | null): Promise<ServiceRecord> {
  if (resourceVersion === null) return call(ServiceRecordSchema, '/api/services', { method: 'POST', body: JSON.stringify(service) });
  return call(ServiceRecordSchema, servicePath(service.namespace, service.name), { method: 'PUT', body: JSON.stringify({ ...service, resourceVersion }) });
}

export async function deleteService(namespace: string, name: string): Promise<void> {
  const response = await fetch(servicePath(namespace, name), { method: 'DELETE', headers: { Accept: 'application/json' } });
  if (!response.ok) throw await apiErrorFrom(response);
}

export function runService(namespace: string, name: string, input: string): Promise<RunResponse> {
  return call(RunResponseSchema, `${servicePath(namespace, name)}/jobs`, { method: 'POST', body: JSON.stringify(input === '' ? {} : { input }) });
}
