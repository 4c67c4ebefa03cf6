import 'server-only';

import { JobPathSchema, type JobPath } from '@/lib/api/job-detail';

// Next hands dynamic segments to a route as a promise; every per-job route parses them the
// same way, so a bad segment is a 422 naming it.

export interface JobRouteContext {
  params: Promise<{ namespace: string; name: string }>;
}

export async function jobPath(context: JobRouteContext): Promise<JobPath> {
  return JobPathSchema.parse(await context.params);
}

/** The query string as a plain object, for a zod schema. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
