import { callerRoute } from '@/lib/http/caller-route';
import { queryOf } from '@/lib/http/job-route';
import { JobsQuerySchema } from '@/lib/api/jobs';
import { jobsResponseStream } from '@/lib/api/jobs-json';
import { jsonText } from '@/lib/http/route';
import { jobsFor } from '@/lib/jobs/jobs';

export const dynamic = 'force-dynamic';

export const GET = callerRoute('/api/jobs', async ({ identity, request }) => {
  const query = JobsQuerySchema.parse(queryOf(request));
  // Not re-validated on the way out: jobsFor is typed as the schema's JobsResponse, and
  // parsing 10,000 rows again on every request is work with nothing to find.
  return jsonText(jobsResponseStream(await jobsFor(identity, query)));
});
