import { base64Decode } from '@/lib/interlink/model/base64';

import { ApiError } from '@/lib/api/api-error';
import type { CancelResponse, JobDetailResponse } from '@/lib/api/job-detail';
import type { JobLogsQuery } from '@/lib/api/job-logs';
import type { JobsResponse, JobViewDto } from '@/lib/api/jobs';
import type { RunRequest, RunResponse } from '@/lib/api/services';

import { apiCall } from './api-call';
import { jobRowKey, listFromSnapshot, type CachedList } from './events-reducer';

// The browser's side of the jobs API: every row the user may see, fetched once (`limit=0`)
// into the reducer's shape so that live `job` messages patch it; a job's detail; and the
// cancel, delete and run-again actions. Answers are typed, not re-parsed: the schemas are
// the server's (its route handlers answer with them), and zod in the page would weigh a
// third of a blank Next.js page (docs/benchmarks.md).

/**
 * `partialOf`: the list holds only the newest page of that many jobs; the job stream's first
 * SNAPSHOT (every row) replaces it with a complete list.
 */
export type JobList = CachedList<JobViewDto> & { partialOf?: number };

const base = (namespace: string, name: string) => `/api/jobs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

/**
 * The newest page of jobs (GET /api/jobs with its defaults), to show at once: the job stream
 * that the page opens next starts with a SNAPSHOT of every row, so fetching all of them here
 * too would send every row twice before the first one is shown.
 */
export async function fetchJobList(signal?: AbortSignal): Promise<JobList> {
  return listOf(await apiCall<JobsResponse>('/api/jobs', { signal }));
}

/** Every row at once, for when the stream cannot bring them. */
export async function fetchAllJobs(signal?: AbortSignal): Promise<JobList> {
  return listOf(await apiCall<JobsResponse>('/api/jobs?limit=0', { signal }));
}

/** A cached list from an answer of GET /api/jobs, marked partial when it is one page of more. */
export function listOf(body: JobsResponse): JobList {
  const list = listFromSnapshot({ kind: 'job', type: 'SNAPSHOT', id: body.revision, items: body.jobs }, jobRowKey);
  return body.total > body.jobs.length ? { ...list, partialOf: body.total } : list;
}

export function fetchJobDetail(namespace: string, name: string, signal?: AbortSignal): Promise<JobDetailResponse> {
  return apiCall<JobDetailResponse>(base(namespace, name), { signal });
}

export function cancelJob(namespace: string, name: string): Promise<CancelResponse> {
  return apiCall<CancelResponse>(`${base(namespace, name)}/cancel`, { method: 'POST' });
}

export async function deleteJob(namespace: string, name: string): Promise<void> {
  await apiCall<unknown>(base(namespace, name), { method: 'DELETE' });
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
  return apiCall<RunResponse>(`/api/services/${encodeURIComponent(namespace)}/${encodeURIComponent(service)}/jobs`, {
    method: 'POST',
    json: body,
  });
}

/** The URL of GET /api/jobs/{namespace}/{name}/logs with the given query, for the log view. */
export function jobLogsUrl(namespace: string, name: string, q: Partial<Record<keyof JobLogsQuery, string | number | boolean>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== false && v !== '') params.set(k, String(v));
  const query = params.toString();
  return `/api/jobs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/logs${query ? `?${query}` : ''}`;
}
