import { SessionInfoSchema } from '@/lib/api/auth';
import { apiRoute, json } from '@/lib/http/route';
import { sessionInfo } from '@/lib/auth/session-info';

export const dynamic = 'force-dynamic';

/** Who is signed in and until when, the CSRF value; never a token. */
export const GET = apiRoute('/api/auth/session', async (request) => json(SessionInfoSchema.parse(sessionInfo(request))));
