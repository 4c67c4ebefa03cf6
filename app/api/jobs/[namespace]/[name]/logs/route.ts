import { identify } from '@/lib/http/identity';
import { JobLogsQuerySchema } from '@/lib/api/job-logs';
import { jobPath, queryOf, type JobRouteContext } from '@/lib/http/job-route';
import { apiRoute } from '@/lib/http/route';
import { jobLogsFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

// text/plain, streamed; the request's signal ends the upstream request when the client leaves.
export const GET = apiRoute('/api/jobs/{namespace}/{name}/logs', async (request, context: JobRouteContext) => {
  const path = await jobPath(context);
  const query = JobLogsQuerySchema.parse(queryOf(request));
  return jobLogsFor(await identify(request), path, query, request.signal);
});
