import 'server-only';

import { identifyWith } from '@/lib/http/identity';
import { JobsQuerySchema, type JobsResponse } from '@/lib/api/jobs';
import { authConfig } from '@/lib/auth/settings';
import { errorText, log } from '@/lib/observability/log';

import { jobsFor } from './jobs';
import { getLive } from '@/lib/live/live';

// The jobs page's first HTML carries the newest page of rows (the answer GET /api/jobs gives
// with its defaults), so rows paint before any script has run (docs/benchmarks.md, first rows).

export interface FirstJobs {
  page: JobsResponse | null;
  /** The server's clock as it read them, for the times shown in the rows. */
  at: number;
}

/**
 * That page for the person making the page request, or null when it is not at hand: the
 * cache is not synced yet (the page must not wait), or the request fails (no session, no
 * right to list jobs). The page then asks GET /api/jobs itself, which waits or says why.
 */
export async function firstJobsPage(requestHeaders: Headers): Promise<FirstJobs> {
  const at = Date.now();
  if (!getLive().cache.health().synced) return { page: null, at };
  try {
    // A page request is a GET: the identity comes from the session cookie, no CSRF involved.
    const identity = identifyWith(new Request('http://page.invalid/jobs', { headers: requestHeaders }), authConfig());
    return { page: await jobsFor(identity, JobsQuerySchema.parse({})), at };
  } catch (err) {
    // The browser's own request will show the person why; the log says it for operators.
    log.info('jobs page rendered without rows', { err: errorText(err) });
    return { page: null, at };
  }
}
