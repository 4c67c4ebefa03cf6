import { apiErrorFrom } from '@/lib/api/api-error';

import { apiFetch } from './session';

// Every browser call of Offload's JSON API goes through here: the session's CSRF echo and
// renewal (session.ts), a JSON body, and an error answer turned into an ApiError (code,
// sentence, field). Answers are typed as the schemas the route handlers answer with, not
// parsed again: zod in the pages would weigh a third of a blank Next.js page
// (docs/benchmarks.md).

export type ApiCallInit = Omit<RequestInit, 'body'> & {
  /** Sent as the JSON body. */
  json?: unknown;
  /**
   * 'renew' (the default): a signed-in call, renewed on 401 (session.ts apiFetch). 'none': a
   * call that must not renew or redirect, e.g. signing in with a token, whose 401 is the answer.
   */
  session?: 'renew' | 'none';
};

export async function apiCall<T>(url: string, init: ApiCallInit = {}): Promise<T> {
  const { json, session = 'renew', ...rest } = init;
  const headers = new Headers(rest.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  const request: RequestInit = { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) };
  const response = session === 'renew' ? await apiFetch(url, request) : await fetch(url, request);
  if (!response.ok) throw await apiErrorFrom(response);
  return (response.status === 204 ? null : await response.json()) as T;
}
