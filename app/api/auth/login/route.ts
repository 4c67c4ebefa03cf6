import { redirect, toSigninPage } from '@/lib/http/auth-responses';
import { apiRoute } from '@/lib/http/route';
import { beginLogin } from '@/lib/auth/signin';

export const dynamic = 'force-dynamic';

/** Starts OpenID Connect sign-in (code flow + PKCE): off to the provider's login page. */
export const GET = apiRoute('/api/auth/login', async (request) => {
  try {
    const answer = await beginLogin(request);
    return redirect(answer.location ?? '/', answer.cookies);
  } catch (err) {
    return toSigninPage(err, new URL(request.url).searchParams.get('returnTo'));
  }
});
