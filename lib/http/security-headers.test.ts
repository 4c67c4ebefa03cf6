import { describe, expect, it } from 'vitest';

import { DATA_CSP, pageCsp, securityHeaders, siteSecurity } from './security-headers';

describe('security headers', () => {
  it('gives pages a nonce policy without eval, and HSTS only for an https public URL', () => {
    const http = siteSecurity({ OFFLOAD_PUBLIC_URL: 'http://127.0.0.1:3000', NODE_ENV: 'production' });
    const https = siteSecurity({ OFFLOAD_PUBLIC_URL: ' https://offload.example.org ', NODE_ENV: 'production' });
    expect([http, https, siteSecurity({})]).toEqual([
      { https: false, dev: false },
      { https: true, dev: false },
      { https: false, dev: false },
    ]);
    const policy = pageCsp('abc', https);
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(policy).toContain("style-src-attr 'unsafe-inline'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy.endsWith('upgrade-insecure-requests')).toBe(true);
    expect(pageCsp('abc', http)).not.toContain('upgrade-insecure-requests');
    expect(securityHeaders(policy, https)['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(securityHeaders(DATA_CSP, http)).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(DATA_CSP, http)).toMatchObject({
      'Content-Security-Policy': DATA_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    });
  });

  it("allows eval only to next dev's React", () => {
    expect(pageCsp('n', siteSecurity({ NODE_ENV: 'development' }))).toContain("'strict-dynamic' 'unsafe-eval'");
  });
});
