import type { Metadata } from 'next';

import { ServicesPage } from '@/components/services/services-page';
import { onLab } from '@/lib/lab-mode';

export const metadata: Metadata = { title: 'Services' };
// Read per request: whether this server runs against the lab (lib/lab-mode.ts).
export const dynamic = 'force-dynamic';

// Services stored in the cluster (a ConfigMap each, see docs/api.md) and the composer's entry points.
export default function Services() {
  return <ServicesPage onLab={onLab()} />;
}
