import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Conflict, Expired, Forbidden, Invalid, NotFound, TooLarge, TooManyRequests, Unauthorized, Unavailable } from '@/lib/errors';

import { errorResponse, toHttpError } from './http-errors';

describe('toHttpError', () => {
  it('maps each typed gateway error to its status and code', () => {
    const cases: Array<[Error, number, string]> = [
      [new Unauthorized('Bad token.'), 401, 'unauthorized'],
      [new Forbidden('No.'), 403, 'forbidden'],
      [new NotFound('Gone.'), 404, 'not_found'],
      [new Conflict('Taken.'), 409, 'conflict'],
      [new Invalid('Bad.', 'spec.image'), 422, 'invalid'],
      [new Unavailable('Down.'), 503, 'unavailable'],
      [new Expired('Old.'), 503, 'unavailable'],
      [new TooLarge('Too big.'), 413, 'too_large'],
      [new TooManyRequests('Slow down.', 3), 429, 'rate_limited'],
    ];
    for (const [err, status, code] of cases) {
      const { status: s, body } = toHttpError(err);
      expect([s, body.error.code, body.error.message]).toEqual([status, code, err.message]);
    }
    expect(toHttpError(new Invalid('Bad.', 'spec.image')).body.error.field).toBe('spec.image');
    expect(toHttpError(new Invalid('Bad.')).body.error).not.toHaveProperty('field');
  });

  it('turns a validation error into 422 with the field path', () => {
    const result = z.object({ kinds: z.array(z.enum(['node'])) }).safeParse({ kinds: ['nope'] });
    const { status, body } = toHttpError(result.error);
    expect(status).toBe(422);
    expect(body.error.field).toBe('kinds.0');
    expect(body.error.message).toMatch(/^kinds\.0: /);
  });

  it('hides anything else behind a 500', () => {
    expect(toHttpError(new Error('secret detail'))).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'An unexpected error occurred; it has been logged.' } },
    });
  });
});

describe('errorResponse', () => {
  it('answers JSON, asks for a bearer token on 401', async () => {
    const r = errorResponse(new Unauthorized('Bad token.'), '/api/x');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
    expect(await r.json()).toEqual({ error: { code: 'unauthorized', message: 'Bad token.' } });
  });

  it('says when to try again on 429', () => {
    const r = errorResponse(new TooManyRequests('Slow down.', 7), '/api/x');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
  });
});
