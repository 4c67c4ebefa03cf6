import { NextResponse, type NextRequest } from 'next/server';

import { readSession } from '@/lib/auth/session';
import { authConfig, siteOrigin } from '@/lib/auth/settings';

// Pages need a session: without one (or with one that has ended) the browser goes to the
// sign-in page, which brings it back here afterwards. An ID token that merely expired is
// not a reason: the page renews it (POST /api/auth/refresh) without losing its state.
// The JSON API answers 401 itself (lib/api/identity.ts); it is not redirected.

export function proxy(request: NextRequest) {
  const config = authConfig();
  if (config.mode === 'none') return NextResponse.next();
  if (readSession(request.headers.get('cookie'), config.sessionSecret) !== null) return NextResponse.next();
  const target = new URL('/signin', siteOrigin(config, request));
  target.searchParams.set('returnTo', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 303);
}

export const config = {
  // Pages only: not the APIs (Offload's and the OSCAR-compatible one), Next's assets, the
  // sign-in page or the metrics endpoint.
  matcher: ['/((?!api/|oscar/|_next/|signin|metrics|favicon\\.ico).*)'],
};
