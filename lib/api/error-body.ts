import { z } from 'zod';

// The one error shape of the JSON API, for route handlers and for the browser that reads it.

export const ERROR_CODES = ['unauthorized', 'forbidden', 'not_found', 'conflict', 'invalid', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    /** One sentence for a person. */
    message: z.string(),
    /** Path of the offending field, e.g. `spec.image`, for `invalid`. */
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

/** An error answer of the JSON API, as the browser sees it. */
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

/** Reads an error answer; anything unexpected becomes an `internal` error naming the status. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const parsed = ApiErrorBodySchema.safeParse(await response.json().catch(() => null));
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.field);
  return new ApiError(response.status, 'internal', `The server answered HTTP ${response.status}.`);
}
