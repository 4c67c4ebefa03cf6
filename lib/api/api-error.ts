// An error answer of the JSON API as the browser reads it. Without zod on purpose: every page
// imports this, and zod alone weighs a third of a blank Next.js page (docs/benchmarks.md).
// The schema of the body, for route handlers and tests, is in error-body.ts.

export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
  'too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function errorOf(body: unknown): { code: ErrorCode; message: string; field?: string } | null {
  const e = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof e !== 'object' || e === null) return null;
  const { code, message, field } = e as Record<string, unknown>;
  if (!(ERROR_CODES as readonly unknown[]).includes(code) || typeof message !== 'string') return null;
  if (field !== undefined && typeof field !== 'string') return null;
  return { code: code as ErrorCode, message, ...(field !== undefined && { field }) };
}

/** Reads an error answer; anything unexpected becomes an `internal` error naming the status. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const e = errorOf(await response.json().catch(() => null));
  if (e !== null) return new ApiError(response.status, e.code, e.message, e.field);
  return new ApiError(response.status, 'internal', `The server answered HTTP ${response.status}.`);
}
