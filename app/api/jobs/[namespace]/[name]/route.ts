import { identify } from '@/lib/http/identity';
import { DeleteResponseSchema, JobDetailResponseSchema } from '@/lib/api/job-detail';
import { jobPath, type JobRouteContext } from '@/lib/http/job-route';
import { apiRoute, json } from '@/lib/http/route';
import { deleteJobFor, jobDetailFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/jobs/{namespace}/{name}', async (request, context: JobRouteContext) =>
  json(JobDetailResponseSchema.parse(await jobDetailFor(await identify(request), await jobPath(context)))),
);

export const DELETE = apiRoute('/api/jobs/{namespace}/{name}', async (request, context: JobRouteContext) =>
  json(DeleteResponseSchema.parse(await deleteJobFor(await identify(request), await jobPath(context)))),
);
