import { describe, expect, it } from 'vitest';

import { checkCsrf } from './csrf';

const SITE = 'https://offload.example.org';
const TOKEN = 'a'.repeat(43);

describe('checkCsrf', () => {
  it('lets safe methods through', () => {
    expect(checkCsrf({ method: 'GET', origin: 'https://evil.example', token: null }, SITE, TOKEN).ok).toBe(true);
  });

  it('refuses a foreign Origin even with the right token', () => {
    const v = checkCsrf({ method: 'POST', origin: 'https://evil.example', token: TOKEN }, SITE, TOKEN);
    expect(v).toEqual({ ok: false, reason: 'Requests from https://evil.example may not change anything here.' });
  });

  it('refuses a missing or wrong token', () => {
    expect(checkCsrf({ method: 'DELETE', origin: SITE, token: null }, SITE, TOKEN).ok).toBe(false);
    expect(checkCsrf({ method: 'PUT', origin: null, token: 'b'.repeat(43) }, SITE, TOKEN).ok).toBe(false);
  });

  it('accepts our Origin (or none) with the session token', () => {
    expect(checkCsrf({ method: 'POST', origin: SITE, token: TOKEN }, `${SITE}/jobs`, TOKEN).ok).toBe(true);
    expect(checkCsrf({ method: 'POST', origin: null, token: TOKEN }, SITE, TOKEN).ok).toBe(true);
  });
});
