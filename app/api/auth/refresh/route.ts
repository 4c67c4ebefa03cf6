import { jsonWithCookies } from '@/lib/http/auth-responses';
import { requireSameSite } from '@/lib/http/same-site';
import { apiRoute } from '@/lib/http/route';
import { refreshSession } from '@/lib/auth/signin';

export const dynamic = 'force-dynamic';

/** Renews an expiring ID token with the refresh token; the page keeps what it was doing. */
export const POST = apiRoute('/api/auth/refresh', async (request) => {
  requireSameSite(request);
  const answer = await refreshSession(request);
  const expiresAt = answer.session?.tokenExpiresAt ?? null;
  return jsonWithCookies({ expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() }, answer);
});
