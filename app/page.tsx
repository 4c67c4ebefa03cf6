'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { usePermissions } from '@/lib/client/use-session';

// The node overview is the landing page: whether the virtual nodes are healthy decides
// whether anything offloaded can run at all. Whoever may not see nodes lands on the jobs.
export default function Home() {
  const router = useRouter();
  const { data, isError } = usePermissions();
  useEffect(() => {
    // Unknown (the cluster cannot be asked): the node view says why.
    if (data !== undefined || isError) router.replace(data?.allowed.listNodes === false ? '/jobs' : '/nodes');
  }, [data, isError, router]);
  return <p role="status">Loading…</p>;
}
