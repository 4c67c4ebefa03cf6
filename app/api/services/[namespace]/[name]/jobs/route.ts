import { identifyWithBody } from '@/lib/api/identity';
import { limits } from '@/lib/api/limits';
import { apiRoute, json } from '@/lib/api/route';
import { RunRequestSchema, RunResponseSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { runService } from '@/lib/services/run';

export const dynamic = 'force-dynamic';

// Runs the service now; answers 201 as soon as the Job exists (its progress is on /jobs).
export const POST = apiRoute<ServiceRouteContext>('/api/services/[namespace]/[name]/jobs', async (request, context) => {
  const { namespace, name } = await serviceParams(context);
  const { identity, body } = await identifyWithBody(request, limits().serviceBodyBytes);
  const { input } = RunRequestSchema.parse(body);
  return json(RunResponseSchema.parse(await runService(identity, namespace, name, input)), 201);
});
