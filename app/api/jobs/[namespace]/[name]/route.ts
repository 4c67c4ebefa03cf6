import { callerRoute } from '@/lib/http/caller-route';
import { DeleteResponseSchema, JobDetailResponseSchema } from '@/lib/api/job-detail';
import { jobPath, type JobRouteContext } from '@/lib/http/job-route';
import { json } from '@/lib/http/route';
import { deleteJobFor, jobDetailFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

export const GET = callerRoute<JobRouteContext>('/api/jobs/{namespace}/{name}', async ({ identity, context }) =>
  json(JobDetailResponseSchema.parse(await jobDetailFor(identity, await jobPath(context)))),
);

export const DELETE = callerRoute<JobRouteContext>('/api/jobs/{namespace}/{name}', async ({ identity, context }) =>
  json(DeleteResponseSchema.parse(await deleteJobFor(identity, await jobPath(context)))),
);
