import type { Metadata } from 'next';

import { JobsPageClient } from './jobs-page-client';

export const metadata: Metadata = { title: 'Jobs' };

// The job list: data from GET /api/jobs, kept live through GET /api/events?kinds=job.
export default function JobsPage() {
  return <JobsPageClient />;
}
