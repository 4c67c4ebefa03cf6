import { callerRoute } from '@/lib/http/caller-route';
import { CancelResponseSchema } from '@/lib/api/job-detail';
import { jobPath, type JobRouteContext } from '@/lib/http/job-route';
import { json } from '@/lib/http/route';
import { cancelJobFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

export const POST = callerRoute<JobRouteContext>('/api/jobs/{namespace}/{name}/cancel', async ({ identity, context }) =>
  json(CancelResponseSchema.parse(await cancelJobFor(identity, await jobPath(context)))),
);
