import { PermissionsQuerySchema, PermissionsSchema } from '@/lib/api/auth';
import { callerRoute } from '@/lib/http/caller-route';
import { json } from '@/lib/http/route';
import { permissionsFor } from '@/lib/auth/permissions';

export const dynamic = 'force-dynamic';

/** What the caller may do, cluster-wide or in one namespace: the UI hides what is refused. */
export const GET = callerRoute('/api/permissions', async ({ identity, request }) => {
  const { namespace } = PermissionsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(PermissionsSchema.parse(await permissionsFor(identity, namespace || undefined)));
});
