import type { Metadata } from 'next';

import { ServicesPage } from '@/components/services/services-page';

export const metadata: Metadata = { title: 'Services' };

// Services stored in the cluster (a ConfigMap each, see docs/api.md) and the composer's entry points.
export default function Services() {
  return <ServicesPage />;
}
