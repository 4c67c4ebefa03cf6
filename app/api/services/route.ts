import { callerRoute, callerRouteWithBody } from '@/lib/http/caller-route';
import { limits } from '@/lib/http/limits';
import { json } from '@/lib/http/route';
import { ServiceSchema } from '@/lib/api/service-schema';
import { ServiceListQuerySchema, ServiceListSchema } from '@/lib/api/services';
import { createService, servicesVisibleTo } from '@/lib/services/store';

export const dynamic = 'force-dynamic';

export const GET = callerRoute('/api/services', async ({ identity, request }) => {
  const { namespace } = ServiceListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(ServiceListSchema.parse(await servicesVisibleTo(identity, namespace)));
});

export const POST = callerRouteWithBody(
  '/api/services',
  () => limits().serviceBodyBytes,
  async ({ identity, body }) => json(await createService(identity, ServiceSchema.parse(body)), 201),
);
