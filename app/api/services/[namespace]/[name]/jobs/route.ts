import { callerRouteWithBody } from '@/lib/http/caller-route';
import { limits } from '@/lib/http/limits';
import { json } from '@/lib/http/route';
import { IdempotencyKeySchema, RunRequestSchema, RunResponseSchema, serviceParams, type ServiceRouteContext } from '@/lib/api/services';
import { runService } from '@/lib/services/run';

export const dynamic = 'force-dynamic';

// Runs the service now; answers 201 as soon as the Job exists (its progress is on /jobs), or
// 200 with the same job when an Idempotency-Key repeats an earlier run of the caller's.
export const POST = callerRouteWithBody<ServiceRouteContext>(
  '/api/services/{namespace}/{name}/jobs',
  () => limits().serviceBodyBytes,
  async ({ identity, context, request, body }) => {
    const { namespace, name } = await serviceParams(context);
    const { input } = RunRequestSchema.parse(body);
    const key = IdempotencyKeySchema.parse(request.headers.get('idempotency-key') ?? undefined);
    const run = await runService(identity, namespace, name, input, undefined, key);
    return json(RunResponseSchema.parse(run), run.repeated ? 200 : 201);
  },
);
