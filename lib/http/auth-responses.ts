import 'server-only';

import type { AuthAnswer } from '@/lib/auth/signin';
import { safeReturnTo } from '@/lib/auth/pkce';
import { errorText, log } from '@/lib/observability/log';

import { toHttpError } from './http-errors';

// Answers of the sign-in routes: browser navigations get redirects (with the reason on the
// sign-in page), fetches get JSON; both carry the cookies the sign-in step set or cleared.

export function redirect(location: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const c of cookies) headers.append('Set-Cookie', c);
  return new Response(null, { status: 303, headers });
}

export function jsonWithCookies(body: unknown, answer: Pick<AuthAnswer, 'cookies'>, status = 200): Response {
  const headers = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  for (const c of answer.cookies) headers.append('Set-Cookie', c);
  return new Response(JSON.stringify(body), { status, headers });
}

/** A failed browser sign-in goes back to the sign-in page, saying why in a sentence. */
export function toSigninPage(err: unknown, returnTo: string | null): Response {
  const { status, body } = toHttpError(err);
  if (status >= 500) log.error('sign-in failed', { err: errorText(err) });
  const params = new URLSearchParams({ error: body.error.message, returnTo: safeReturnTo(returnTo) });
  return redirect(`/signin?${params.toString()}`);
}
