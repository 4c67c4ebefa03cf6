import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Conflict, Forbidden, Invalid, NotFound, Unauthorized, Unavailable } from '@/lib/errors';

import { OscarError, oscarErrorResponse, toOscarError } from './respond';

describe('toOscarError', () => {
  it("answers with OSCAR's status codes and the sentence as plain text", () => {
    const cases: Array<[Error, number]> = [
      [new Unauthorized('Bad token.'), 401],
      [new Forbidden('No.'), 403],
      [new NotFound('Gone.'), 404],
      [new Conflict('Taken.'), 409],
      [new Invalid('Bad.', 'name'), 400],
      [new Unavailable('Down.'), 503],
      [new OscarError(504, 'Still running.'), 504],
    ];
    for (const [err, status] of cases) expect(toOscarError(err)).toEqual({ status, text: err.message });
  });

  it('names the field of a validation error, and says nothing of an unexpected one', () => {
    const result = z.object({ name: z.string().min(1, 'is required') }).safeParse({ name: '' });
    expect(toOscarError(result.error)).toEqual({ status: 400, text: 'name: is required.' });
    expect(toOscarError(new Error('secret detail'))).toEqual({ status: 500, text: 'An unexpected error occurred; it has been logged.' });
  });

  it('asks no browser for a password', async () => {
    const response = oscarErrorResponse(new Unauthorized('Who?'), '/oscar/system/info');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Who?');
  });
});
