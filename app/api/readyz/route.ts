import { apiRoute, json } from '@/lib/http/route';
import { readiness } from '@/lib/live/readiness';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/readyz', async () => {
  const r = readiness();
  return json(r.body, r.status);
});
