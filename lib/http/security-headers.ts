// The security headers of every answer (docs/operations.md "Security headers"): pages get a
// Content Security Policy with a fresh nonce per request (proxy.ts), which Next puts on its
// own scripts (https://nextjs.org/docs/app/guides/content-security-policy); the JSON API,
// logs and metrics a policy that allows nothing at all (lib/http/route.ts); Next's static
// files theirs from next.config.js. Pure.

export interface SiteSecurity {
  /** The public URL is https (OFFLOAD_PUBLIC_URL): HSTS, and every request upgraded. */
  https: boolean;
  /** `next dev` only: React's dev build evaluates code to rebuild server stack traces. */
  dev: boolean;
}

/**
 * A page's policy. Scripts: only those carrying the nonce, and what they load
 * ('strict-dynamic'); never eval in production. Styles: the app's stylesheets and nonced
 * style elements; style *attributes* are allowed ('unsafe-inline' in style-src-attr only),
 * because the virtualised tables and the log view position their rows with them. No frames,
 * plugins, base URL changes, or form posts elsewhere.
 */
export function pageCsp(nonce: string, site: SiteSecurity): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${site.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(site.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Answers that are data, not documents: nothing in them may run or be framed. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Every header an answer carries, with its policy. */
export function securityHeaders(csp: string, site: SiteSecurity): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // Nothing of an address (a job or service name) leaves for another site.
    'Referrer-Policy': 'same-origin',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(site.https && { 'Strict-Transport-Security': 'max-age=31536000' }),
  };
}

/** The server's own, from its environment; HSTS only when the public URL is https. */
export function siteSecurity(env: Readonly<Record<string, string | undefined>> = process.env): SiteSecurity {
  return { https: /^https:\/\//i.test(env.OFFLOAD_PUBLIC_URL?.trim() ?? ''), dev: env.NODE_ENV === 'development' };
}
