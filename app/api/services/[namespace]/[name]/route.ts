import { callerRoute, callerRouteWithBody } from '@/lib/http/caller-route';
import { limits } from '@/lib/http/limits';
import { json } from '@/lib/http/route';
import { ServiceSchema } from '@/lib/api/service-schema';
import { DeleteQuerySchema, ResourceVersionSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { deleteService, getService, replaceServiceAt } from '@/lib/services/store';

export const dynamic = 'force-dynamic';

const ROUTE = '/api/services/{namespace}/{name}';

export const GET = callerRoute<ServiceRouteContext>(ROUTE, async ({ identity, context }) => {
  const { namespace, name } = await serviceParams(context);
  return json(await getService(identity, namespace, name));
});

export const PUT = callerRouteWithBody<ServiceRouteContext>(
  ROUTE,
  () => limits().serviceBodyBytes,
  async ({ identity, context, body }) => {
    const { resourceVersion } = ResourceVersionSchema.parse(body);
    return json(await replaceServiceAt(identity, await serviceParams(context), ServiceSchema.parse(body), resourceVersion));
  },
);

export const DELETE = callerRoute<ServiceRouteContext>(ROUTE, async ({ identity, context, request }) => {
  const { namespace, name } = await serviceParams(context);
  const { resourceVersion } = DeleteQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  await deleteService(identity, namespace, name, resourceVersion);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
