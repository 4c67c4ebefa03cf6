import { callerRoute } from '@/lib/http/caller-route';
import { JobLogsQuerySchema } from '@/lib/api/job-logs';
import { jobPath, queryOf, type JobRouteContext } from '@/lib/http/job-route';
import { jobLogsFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

// text/plain, streamed; the request's signal ends the upstream request when the client leaves.
export const GET = callerRoute<JobRouteContext>('/api/jobs/{namespace}/{name}/logs', async ({ identity, context, request }) => {
  const query = JobLogsQuerySchema.parse(queryOf(request));
  return jobLogsFor(identity, await jobPath(context), query, request.signal);
});
