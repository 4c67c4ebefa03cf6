import { identify, identifyWithBody } from '@/lib/http/identity';
import { limits } from '@/lib/http/limits';
import { apiRoute, json } from '@/lib/http/route';
import { ServiceSchema } from '@/lib/api/service-schema';
import { ServiceListQuerySchema, ServiceListSchema } from '@/lib/api/services';
import { namespacesFor } from '@/lib/auth/namespaces';
import { createService, listServices } from '@/lib/services/store';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/services', async (request) => {
  const identity = await identify(request);
  const { namespace } = ServiceListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // "Every namespace" means every namespace the caller may list services in.
  const scope = namespace === undefined ? await namespacesFor(identity, { resource: 'configmaps' }) : { all: false, namespaces: [namespace] };
  const services = await listServices(identity, scope.all ? undefined : scope.namespaces);
  return json(ServiceListSchema.parse({ services, scope }));
});

export const POST = apiRoute('/api/services', async (request) => {
  const { identity, body } = await identifyWithBody(request, limits().serviceBodyBytes);
  return json(await createService(identity, ServiceSchema.parse(body)), 201);
});
