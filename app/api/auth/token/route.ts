import { TokenSignInSchema } from '@/lib/api/auth';
import { jsonWithCookies } from '@/lib/http/auth-responses';
import { readJsonBody } from '@/lib/http/body';
import { limits } from '@/lib/http/limits';
import { requireSameSite } from '@/lib/http/same-site';
import { apiRoute } from '@/lib/http/route';
import { tokenSignIn } from '@/lib/auth/signin';

export const dynamic = 'force-dynamic';

/** Sign-in with a pasted Kubernetes token, verified by the API server before the cookie is set. */
export const POST = apiRoute('/api/auth/token', async (request) => {
  requireSameSite(request);
  const { token } = TokenSignInSchema.parse(await readJsonBody(request, limits().signinBodyBytes));
  const answer = await tokenSignIn(request, token);
  return jsonWithCookies({ username: answer.session?.username ?? '' }, answer);
});
