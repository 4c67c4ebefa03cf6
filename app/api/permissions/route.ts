import { PermissionsQuerySchema, PermissionsSchema } from '@/lib/api/auth';
import { identify } from '@/lib/http/identity';
import { apiRoute, json } from '@/lib/http/route';
import { permissionsFor } from '@/lib/auth/permissions';

export const dynamic = 'force-dynamic';

/** What the caller may do, cluster-wide or in one namespace: the UI hides what is refused. */
export const GET = apiRoute('/api/permissions', async (request) => {
  const identity = await identify(request);
  const { namespace } = PermissionsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(PermissionsSchema.parse(await permissionsFor(identity, namespace || undefined)));
});
