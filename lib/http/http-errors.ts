import 'server-only';

import { ZodError } from 'zod';

import { isKubeError } from '@/lib/errors';
import { errorText, log } from '@/lib/observability/log';

import type { ApiErrorBody, ErrorCode } from '@/lib/api/error-body';

// The one place where errors become HTTP answers: typed gateway errors and validation
// errors to their status codes, everything else to 500 (logged, never shown in detail).

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function toHttpError(err: unknown): { status: number; body: ApiErrorBody } {
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const message = issue === undefined ? 'The request is invalid.' : `${field ? `${field}: ` : ''}${issue.message}.`.replace(/\.\.$/, '.');
    return { status: 422, body: { error: { code: 'invalid', message, ...(field ? { field } : {}) } } };
  }
  if (isKubeError(err)) {
    const field = 'field' in err && typeof err.field === 'string' ? { field: err.field } : {};
    return { status: STATUS[err.code], body: { error: { code: err.code, message: err.message, ...field } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'An unexpected error occurred; it has been logged.' } } };
}

export function errorResponse(err: unknown, route: string): Response {
  const { status, body } = toHttpError(err);
  if (status === 500) log.error('unexpected error', { route, err: errorText(err), stack: err instanceof Error ? err.stack : undefined });
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  if (err instanceof Error && 'retryAfterSeconds' in err && typeof err.retryAfterSeconds === 'number')
    headers['Retry-After'] = String(err.retryAfterSeconds);
  return Response.json(body, { status, headers });
}
