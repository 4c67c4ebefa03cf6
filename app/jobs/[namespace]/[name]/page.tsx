import type { Metadata } from 'next';

import { JobDetailClient } from '@/components/jobs/job-detail-page';

interface Props {
  params: Promise<{ namespace: string; name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Job ${name}` };
}

// One job: data from GET /api/jobs/{namespace}/{name}, refreshed when a live `job` message
// says it changed; the log streams from …/logs.
export default async function JobPage({ params }: Props) {
  const { namespace, name } = await params;
  return <JobDetailClient namespace={namespace} name={name} />;
}
