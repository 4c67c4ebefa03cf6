import { identify, identifyWithBody } from '@/lib/http/identity';
import { limits } from '@/lib/http/limits';
import { apiRoute, json } from '@/lib/http/route';
import { ServiceSchema } from '@/lib/api/service-schema';
import { DeleteQuerySchema, ResourceVersionSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { Invalid } from '@/lib/errors';
import { deleteService, getService, updateService } from '@/lib/services/store';

export const dynamic = 'force-dynamic';

const ROUTE = '/api/services/[namespace]/[name]';

export const GET = apiRoute<ServiceRouteContext>(ROUTE, async (request, context) => {
  const identity = await identify(request);
  const { namespace, name } = await serviceParams(context);
  return json(await getService(identity, namespace, name));
});

export const PUT = apiRoute<ServiceRouteContext>(ROUTE, async (request, context) => {
  const { namespace, name } = await serviceParams(context);
  const { identity, body } = await identifyWithBody(request, limits().serviceBodyBytes);
  const service = ServiceSchema.parse(body);
  const { resourceVersion } = ResourceVersionSchema.parse(body);
  // A rename or move would be a new service; the URL says which one is being replaced.
  if (service.namespace !== namespace) throw new Invalid(`namespace: is ${namespace} in the URL; a service cannot be moved.`, 'namespace');
  if (service.name !== name) throw new Invalid(`name: is ${name} in the URL; a service cannot be renamed (create a new one).`, 'name');
  return json(await updateService(identity, service, resourceVersion));
});

export const DELETE = apiRoute<ServiceRouteContext>(ROUTE, async (request, context) => {
  const identity = await identify(request);
  const { namespace, name } = await serviceParams(context);
  const { resourceVersion } = DeleteQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  await deleteService(identity, namespace, name, resourceVersion);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
