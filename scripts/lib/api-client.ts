// A small JSON client for the dashboard's API, acting as a lab user (bearer token) or, as
// 'anonymous', with no credentials at all, for integration tests.
import { userToken } from './lab.ts';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export type Caller = 'admin' | 'alice' | 'bob' | 'anonymous';

export function apiClient(baseUrl: () => string) {
  return async function call<T = unknown>(caller: Caller, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (caller !== 'anonymous') headers.Authorization = `Bearer ${userToken(caller)}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${baseUrl()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
}

/** One request with a given bearer token (a service account's, say). */
export function apiFetchAs(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
