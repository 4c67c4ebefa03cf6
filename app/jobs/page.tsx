import type { Metadata } from 'next';
import { headers } from 'next/headers';

import { firstJobsPage } from '@/lib/jobs/first-jobs';

import { JobsPageClient } from '@/components/jobs/jobs-page';

export const metadata: Metadata = { title: 'Jobs' };

// The job list: the newest rows come with the HTML (painted before any script runs); then
// every row arrives through GET /api/events?kinds=job, which keeps the list live.
export default async function JobsPage() {
  const first = await firstJobsPage(await headers());
  return <JobsPageClient first={first.page} renderedAt={first.at} />;
}
