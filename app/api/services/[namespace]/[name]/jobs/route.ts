import { readJsonBody } from '@/lib/api/body';
import { identify } from '@/lib/api/identity';
import { apiRoute, json } from '@/lib/api/route';
import { RunRequestSchema, RunResponseSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { runService } from '@/lib/services/run';

export const dynamic = 'force-dynamic';

// Runs the service now; answers 201 as soon as the Job exists (its progress is on /jobs).
export const POST = apiRoute<ServiceRouteContext>('/api/services/[namespace]/[name]/jobs', async (request, context) => {
  const identity = identify(request);
  const { namespace, name } = await serviceParams(context);
  const { input } = RunRequestSchema.parse(await readJsonBody(request));
  return json(RunResponseSchema.parse(await runService(identity, namespace, name, input)), 201);
});
