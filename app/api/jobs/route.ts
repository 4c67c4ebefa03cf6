import { identify } from '@/lib/http/identity';
import { queryOf } from '@/lib/http/job-route';
import { JobsQuerySchema } from '@/lib/api/jobs';
import { jobsResponseStream } from '@/lib/api/jobs-json';
import { apiRoute, jsonText } from '@/lib/http/route';
import { jobsFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/jobs', async (request) => {
  const query = JobsQuerySchema.parse(queryOf(request));
  // Not re-validated on the way out: jobsFor is typed as the schema's JobsResponse, and
  // parsing 10,000 rows again on every request is work with nothing to find.
  return jsonText(jobsResponseStream(await jobsFor(await identify(request), query)));
});
