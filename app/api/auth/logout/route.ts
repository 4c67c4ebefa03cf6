import { LogoutResponseSchema } from '@/lib/api/auth';
import { jsonWithCookies } from '@/lib/http/auth-responses';
import { requireSameSite } from '@/lib/http/same-site';
import { apiRoute } from '@/lib/http/route';
import { signOut } from '@/lib/auth/signin';

export const dynamic = 'force-dynamic';

/** Clears the session, revokes the refresh token, and names the provider's sign-out page. */
export const POST = apiRoute('/api/auth/logout', async (request) => {
  requireSameSite(request);
  const answer = await signOut(request);
  return jsonWithCookies(LogoutResponseSchema.parse({ endSessionUrl: answer.endSessionUrl ?? null }), answer);
});
