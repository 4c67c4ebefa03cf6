import { TokenSignInSchema } from '@/lib/api/auth';
import { jsonWithCookies } from '@/lib/api/auth-responses';
import { readJsonBody } from '@/lib/api/body';
import { limits } from '@/lib/api/limits';
import { requireSameSite } from '@/lib/api/same-site';
import { apiRoute } from '@/lib/api/route';
import { tokenSignIn } from '@/lib/auth/signin';

export const dynamic = 'force-dynamic';

/** Sign-in with a pasted Kubernetes token, verified by the API server before the cookie is set. */
export const POST = apiRoute('/api/auth/token', async (request) => {
  requireSameSite(request);
  const { token } = TokenSignInSchema.parse(await readJsonBody(request, limits().signinBodyBytes));
  const answer = await tokenSignIn(request, token);
  return jsonWithCookies({ username: answer.session?.username ?? '' }, answer);
});
