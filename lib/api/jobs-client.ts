import { base64Decode } from '@/lib/interlink/base64';

import { ApiError, apiErrorFrom } from './error-body';
import { apiFetch } from './session-client';
import { listFromSnapshot, type CachedList } from './events-reducer';
import { CancelResponseSchema, DeleteResponseSchema, JobDetailResponseSchema, type CancelResponse, type JobDetailResponse } from './job-detail';
import { JobsResponseSchema, type JobViewDto } from './jobs';
import { RunResponseSchema, type RunRequest, type RunResponse } from './services';

// The browser's side of the jobs API: every row the user may see, fetched once (`limit=0`)
// into the reducer's shape so that live `job` messages patch it; a job's detail; and the
// cancel, delete and run-again actions.

export type JobList = CachedList<JobViewDto>;

export const jobRowKey = (row: JobViewDto): string => row.key;

const base = (namespace: string, name: string) => `/api/jobs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

async function call<T>(url: string, parse: (body: unknown) => T, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(url, init);
  if (!response.ok) throw await apiErrorFrom(response);
  return parse(await response.json());
}

export async function fetchJobList(signal?: AbortSignal): Promise<JobList> {
  const body = await call('/api/jobs?limit=0', (b) => JobsResponseSchema.parse(b), { signal });
  return listFromSnapshot({ kind: 'job', type: 'SNAPSHOT', id: body.revision, items: body.jobs }, jobRowKey);
}

export function fetchJobDetail(namespace: string, name: string, signal?: AbortSignal): Promise<JobDetailResponse> {
  return call(base(namespace, name), (b) => JobDetailResponseSchema.parse(b), { signal });
}

export function cancelJob(namespace: string, name: string): Promise<CancelResponse> {
  return call(`${base(namespace, name)}/cancel`, (b) => CancelResponseSchema.parse(b), { method: 'POST' });
}

export async function deleteJob(namespace: string, name: string): Promise<void> {
  await call(base(namespace, name), (b) => DeleteResponseSchema.parse(b), { method: 'DELETE' });
}

/**
 * Runs the same service again with the same input, through the services' run endpoint. The
 * input travels as text there (it Base64-encodes it into EVENT again); a binary input that is
 * not UTF-8 would not survive, so it is refused here rather than altered.
 */
export function runAgain(namespace: string, service: string, inputBase64: string | null): Promise<RunResponse> {
  const bytes = inputBase64 === null ? new Uint8Array() : base64Decode(inputBase64);
  let input: string;
  try {
    if (bytes === null) throw new Error('not Base64');
    input = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Promise.reject(new ApiError(0, 'invalid', 'The original input is not UTF-8 text, so it cannot be sent again as is.'));
  }
  const body: RunRequest = { input };
  return call(`/api/services/${encodeURIComponent(namespace)}/${encodeURIComponent(service)}/jobs`, (b) => RunResponseSchema.parse(b), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
