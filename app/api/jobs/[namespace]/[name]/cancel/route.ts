import { identify } from '@/lib/http/identity';
import { CancelResponseSchema } from '@/lib/api/job-detail';
import { jobPath, type JobRouteContext } from '@/lib/http/job-route';
import { apiRoute, json } from '@/lib/http/route';
import { cancelJobFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

export const POST = apiRoute('/api/jobs/{namespace}/{name}/cancel', async (request, context: JobRouteContext) =>
  json(CancelResponseSchema.parse(await cancelJobFor(await identify(request), await jobPath(context)))),
);
