import type { NodeView } from '@/lib/api/nodes';

import { Badge } from '../ui/badge';

/** Ready / Not ready / Heartbeat stale / Starting, from the node's health verdict. */
export function HealthBadge({ node }: { node: NodeView }) {
  if (node.healthy) return <Badge tone="good">Ready</Badge>;
  if (node.heartbeatStale) return <Badge tone="warn">Heartbeat stale</Badge>;
  if (node.why?.startsWith('virtual kubelet starting')) return <Badge tone="warn">Starting</Badge>;
  return <Badge tone="bad">Not ready</Badge>;
}
