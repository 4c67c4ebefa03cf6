import { identify } from '@/lib/api/identity';
import { queryOf } from '@/lib/api/job-route';
import { JobsQuerySchema, JobsResponseSchema } from '@/lib/api/jobs';
import { apiRoute, json } from '@/lib/api/route';
import { jobsFor } from '@/lib/live/jobs';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/jobs', async (request) => {
  const query = JobsQuerySchema.parse(queryOf(request));
  return json(JobsResponseSchema.parse(await jobsFor(identify(request), query)));
});
