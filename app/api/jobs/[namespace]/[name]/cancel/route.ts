import { identify } from '@/lib/api/identity';
import { CancelResponseSchema } from '@/lib/api/job-detail';
import { jobPath, type JobRouteContext } from '@/lib/api/job-route';
import { apiRoute, json } from '@/lib/api/route';
import { cancelJobFor } from '@/lib/live/jobs';

export const dynamic = 'force-dynamic';

export const POST = apiRoute('/api/jobs/{namespace}/{name}/cancel', async (request, context: JobRouteContext) =>
  json(CancelResponseSchema.parse(await cancelJobFor(await identify(request), await jobPath(context)))),
);
