import 'server-only';

import { ZodError } from 'zod';

import { isKubeError, type KubeErrorCode } from '@/lib/errors';
import { errorText, log } from '@/lib/observability/log';

// How the OSCAR-compatible API answers: as OSCAR 3.3's handlers do (gin's c.String, c.JSON,
// c.Status), an error being its status code and one sentence of plain text, which oscar-cli
// prints as the error (pkg/cluster/cluster.go CheckStatusCode; it says "invalid
// credentials" for 401 and "not found" for 404 whatever the body).

/** An answer with a status of its own (413, 501, 504…), thrown from inside the OSCAR API. */
export class OscarError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OscarError';
  }
}

const STATUS: Record<KubeErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // OSCAR answers 400 for a service it cannot bind or accept.
  invalid: 400,
  unavailable: 503,
  too_large: 413,
  rate_limited: 429,
};

const NO_STORE = { 'Cache-Control': 'no-store' };

export function oscarText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function oscarJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** 201 or 204 without a body, as OSCAR answers a creation, an update or a deletion. */
export function oscarEmpty(status: 201 | 204): Response {
  return new Response(null, { status, headers: NO_STORE });
}

export function toOscarError(err: unknown): { status: number; text: string } {
  if (err instanceof OscarError) return { status: err.status, text: err.message };
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    return { status: 400, text: `${field === '' ? '' : `${field}: `}${issue?.message ?? 'is invalid'}.` };
  }
  if (isKubeError(err)) return { status: STATUS[err.code], text: err.message };
  return { status: 500, text: 'An unexpected error occurred; it has been logged.' };
}

/**
 * The error answer. A 401 carries no `WWW-Authenticate: Basic` challenge (OSCAR's does): a
 * browser would then ask for and remember the password, and send it along with requests
 * other sites make it send.
 */
export function oscarErrorResponse(err: unknown, route: string): Response {
  const { status, text } = toOscarError(err);
  if (status === 500) log.error('unexpected error', { route, err: errorText(err), stack: err instanceof Error ? err.stack : undefined });
  const response = oscarText(text, status);
  // A 429 says when to come back, as Offload's own API does (lib/http/http-errors.ts).
  if (err instanceof Error && 'retryAfterSeconds' in err && typeof err.retryAfterSeconds === 'number')
    response.headers.set('Retry-After', String(err.retryAfterSeconds));
  return response;
}
