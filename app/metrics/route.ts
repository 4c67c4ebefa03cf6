import { apiRoute } from '@/lib/http/route';
import { NotFound } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// Not here: the web port (and the Ingress in front of it) must not serve the metrics, which
// have their own port (lib/observability/metrics-server.ts). This says where they went.
export const GET = apiRoute('/metrics', async () => {
  throw new NotFound('Metrics are served on the metrics port (OFFLOAD_METRICS_PORT, 9464 unless set), not on the web port.');
});
