import { describe, expect, it } from 'vitest';

import {
  Conflict,
  Expired,
  Forbidden,
  Invalid,
  NotFound,
  Unauthorized,
  Unavailable,
  errorFromNetwork,
  errorFromStatus,
  isExpired,
  isKubeError,
} from './errors';

describe('errorFromStatus', () => {
  it('maps each status to its typed error with the API server message as a sentence', () => {
    const forbidden = errorFromStatus(403, { kind: 'Status', message: 'nodes is forbidden: User "x" cannot list resource "nodes"' });
    expect(forbidden).toBeInstanceOf(Forbidden);
    expect(forbidden.message).toBe('Nodes is forbidden: User "x" cannot list resource "nodes".');
    expect(errorFromStatus(401, {})).toBeInstanceOf(Unauthorized);
    expect(errorFromStatus(404, null)).toBeInstanceOf(NotFound);
    expect(errorFromStatus(409, 'text')).toBeInstanceOf(Conflict);
    expect(errorFromStatus(500, {})).toBeInstanceOf(Unavailable);
  });

  it('treats 410 as an expired resource version, a kind of Unavailable', () => {
    const e = errorFromStatus(410, { message: 'too old resource version: 1 (2)' });
    expect(e).toBeInstanceOf(Expired);
    expect(e).toBeInstanceOf(Unavailable);
  });

  it('keeps the first field path of an Invalid', () => {
    const e = errorFromStatus(422, {
      message: 'Job.batch "x" is invalid',
      details: { causes: [{ message: 'x' }, { field: 'spec.template.spec.containers[0].image', message: 'Required value' }] },
    });
    expect(e).toBeInstanceOf(Invalid);
    expect((e as Invalid).field).toBe('spec.template.spec.containers[0].image');
    expect((errorFromStatus(400, {}) as Invalid).field).toBeNull();
  });

  it('gives a sentence even without a message', () => {
    expect(errorFromStatus(503, {}).message).toBe('The API server answered HTTP 503.');
  });
});

describe('errorFromNetwork', () => {
  it('names the server and the cause', () => {
    const err = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:26443') });
    expect(errorFromNetwork('https://127.0.0.1:26443', err).message).toBe(
      'The API server at https://127.0.0.1:26443 is unreachable: connect ECONNREFUSED 127.0.0.1:26443.',
    );
    expect(errorFromNetwork('s', Object.assign(new Error('x'), { name: 'TimeoutError' })).message).toContain('timed out');
  });
});

describe('isKubeError', () => {
  it('recognises the errors by brand, so copies of the classes from another bundle count too', () => {
    expect(isKubeError(new Forbidden('x'))).toBe(true);
    expect(isKubeError({ [Symbol.for('offload.KubeError')]: true, code: 'forbidden' })).toBe(true);
    expect(isKubeError(new Error('x'))).toBe(false);
    expect(isKubeError(null)).toBe(false);
    expect(isExpired(errorFromStatus(410, {}))).toBe(true);
    expect(isExpired(new Unavailable('x'))).toBe(false);
  });
});
