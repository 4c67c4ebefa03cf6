import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ApiError, apiErrorFrom } from './api-error';
import { ApiErrorBodySchema } from './error-body';

const answer = (status: number, body: unknown) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('apiErrorFrom (the browser, without zod)', () => {
  it('reads the error body the routes send', async () => {
    const e = await apiErrorFrom(answer(422, { error: { code: 'invalid', message: 'Bad.', field: 'name' } }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 422, code: 'invalid', message: 'Bad.', field: 'name' });
  });

  it('turns anything else into an internal error naming the status', async () => {
    for (const body of [
      'not json',
      null,
      { error: { code: 'teapot', message: 'x' } },
      { error: { code: 'forbidden' } },
      { error: { code: 'invalid', message: 'x', field: 3 } },
    ]) {
      expect(await apiErrorFrom(answer(502, body))).toMatchObject({ code: 'internal', message: 'The server answered HTTP 502.' });
    }
  });

  it('accepts exactly what the schema of the error body accepts', async () => {
    const body = fc.record({
      error: fc.record(
        {
          code: fc.oneof(fc.constantFrom('forbidden', 'not_found', 'internal'), fc.string()),
          message: fc.oneof(fc.string(), fc.integer()),
          field: fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined }),
        },
        { requiredKeys: ['code'] },
      ),
    });
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const e = await apiErrorFrom(answer(400, b));
        const parsed = ApiErrorBodySchema.safeParse(b);
        if (parsed.success)
          expect(e).toMatchObject({ code: parsed.data.error.code, message: parsed.data.error.message, field: parsed.data.error.field });
        else expect(e.code).toBe('internal');
      }),
    );
  });
});
