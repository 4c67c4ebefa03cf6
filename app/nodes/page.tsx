import type { Metadata } from 'next';

import { NodesPageClient } from '@/components/nodes/nodes-page';

export const metadata: Metadata = { title: 'Nodes' };

// The virtual-node view for admins: data comes from GET /api/nodes and stays live
// through GET /api/events (see docs/architecture.md).
export default function NodesPage() {
  return <NodesPageClient />;
}
