import { randomBytes } from 'node:crypto';

import { NextResponse, type NextRequest } from 'next/server';

import { pageCsp, securityHeaders, siteSecurity } from '@/lib/http/security-headers';
import { readSession } from '@/lib/auth/session';
import { authConfig, siteOrigin } from '@/lib/auth/settings';

// Every page answer carries the security headers, with a Content Security Policy whose nonce
// is new for each request: Next reads it from the request's policy header and puts it on
// the scripts it renders (pages render per request for that: app/layout.tsx).
// Pages need a session: without one (or with one that has ended) the browser goes to the
// sign-in page, which brings it back here afterwards. An ID token that merely expired is
// not a reason: the page renews it (POST /api/auth/refresh) without losing its state.
// The JSON API answers 401 itself (lib/http/identity.ts); it is not redirected.

const SITE = siteSecurity();
/** Answered without a session: the sign-in page itself, and the icon browsers ask for on their own. */
const OPEN = new Set(['/signin', '/favicon.ico']);

export function proxy(request: NextRequest) {
  const csp = pageCsp(randomBytes(16).toString('base64'), SITE);
  const response = sessionRedirect(request) ?? NextResponse.next({ request: { headers: withPolicy(request.headers, csp) } });
  for (const [name, value] of Object.entries(securityHeaders(csp, SITE))) response.headers.set(name, value);
  return response;
}

function withPolicy(headers: Headers, csp: string): Headers {
  const next = new Headers(headers);
  next.set('Content-Security-Policy', csp);
  return next;
}

function sessionRedirect(request: NextRequest): NextResponse | null {
  const config = authConfig();
  if (config.mode === 'none' || OPEN.has(request.nextUrl.pathname)) return null;
  if (readSession(request.headers.get('cookie'), config.sessionSecret) !== null) return null;
  const target = new URL('/signin', siteOrigin(config, request));
  target.searchParams.set('returnTo', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 303);
}

export const config = {
  // Pages only: the APIs (Offload's, lib/http/route.ts, and the OSCAR-compatible one) and
  // /metrics answer with their own headers, and Next's static files with next.config.js's.
  matcher: ['/((?!api/|oscar/|_next/|metrics).*)'],
};
