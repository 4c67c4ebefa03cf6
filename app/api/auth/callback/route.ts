import { redirect, toSigninPage } from '@/lib/http/auth-responses';
import { apiRoute } from '@/lib/http/route';
import { completeLogin } from '@/lib/auth/signin';

export const dynamic = 'force-dynamic';

/** The provider sends the browser back here with a code; it becomes the session cookie. */
export const GET = apiRoute('/api/auth/callback', async (request) => {
  try {
    const answer = await completeLogin(request);
    return redirect(answer.location ?? '/', answer.cookies);
  } catch (err) {
    return toSigninPage(err, null);
  }
});
