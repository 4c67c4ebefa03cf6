import { z } from 'zod';

import { ERROR_CODES } from './api-error';

// The one error shape of the JSON API, for route handlers and tests. The browser reads it
// with api-error.ts (no zod in the pages' bundles).

export { ApiError, ERROR_CODES, apiErrorFrom, type ErrorCode } from './api-error';

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
