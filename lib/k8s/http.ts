import 'server-only';

import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import { fetch, type Response } from 'undici';

import { USER_AGENT, type Connection } from './config';
import { errorFromNetwork, errorFromStatus } from '@/lib/errors';

// Plain JSON requests to the API server. Credentials, CA and TLS come from the
// connection's KubeConfig (client-node), the transport is undici as in client-node's own
// Watch; objects stay raw JSON, exactly as the watch stream delivers them, so a listed and
// a watched object have the same shape. Every failure becomes a typed error.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** PATCH bodies: a JSON merge patch unless said otherwise. */
export type PatchType = 'merge' | 'strategic' | 'json';
const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  patchType?: PatchType;
  signal?: AbortSignal;
  /** The Accept header; JSON unless said otherwise (pod logs are text). */
  accept?: string;
  /** Whole-request timeout; watches pass none and rely on their own guard. */
  timeoutMs?: number | null;
}

export async function send(conn: Connection, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = `${conn.server}${path}`;
  const ctx = new RequestContext(url, HttpMethod[options.method ?? 'GET']);
  await conn.kc.applySecurityAuthentication(ctx);
  ctx.setHeaderParam('User-Agent', USER_AGENT);
  ctx.setHeaderParam('Accept', options.accept ?? 'application/json');
  if (options.body !== undefined) {
    ctx.setHeaderParam('Content-Type', options.method === 'PATCH' ? PATCH_CONTENT_TYPE[options.patchType ?? 'merge'] : 'application/json');
  }
  const timeoutMs = options.timeoutMs === undefined ? 15_000 : options.timeoutMs;
  const signals = [options.signal, timeoutMs === null ? undefined : AbortSignal.timeout(timeoutMs)].filter((s) => s !== undefined);
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: ctx.getHeaders(),
      dispatcher: ctx.getDispatcher(),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: signals.length === 0 ? undefined : AbortSignal.any(signals),
    });
  } catch (err) {
    throw errorFromNetwork(conn.server, err);
  }
  if (!response.ok) throw errorFromStatus(response.status, await response.json().catch(() => null));
  return response;
}

/** A JSON request; the answer is trusted to be of type T (it comes from the API server). */
export async function requestJson<T>(conn: Connection, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(conn, path, options);
  try {
    return (await response.json()) as T;
  } catch (err) {
    throw errorFromNetwork(conn.server, err);
  }
}
