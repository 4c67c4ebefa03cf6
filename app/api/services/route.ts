import { readJsonBody } from '@/lib/api/body';
import { identify } from '@/lib/api/identity';
import { apiRoute, json } from '@/lib/api/route';
import { ServiceSchema } from '@/lib/api/service-schema';
import { ServiceListQuerySchema, ServiceListSchema } from '@/lib/api/services';
import { createService, listServices } from '@/lib/services/store';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/services', async (request) => {
  const identity = identify(request);
  const { namespace } = ServiceListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(ServiceListSchema.parse({ services: await listServices(identity, namespace) }));
});

export const POST = apiRoute('/api/services', async (request) => {
  const identity = identify(request);
  const service = ServiceSchema.parse(await readJsonBody(request));
  return json(await createService(identity, service), 201);
});
