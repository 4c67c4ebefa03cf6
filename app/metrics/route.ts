import { apiRoute } from '@/lib/api/route';
import { metrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/metrics', async () =>
  new Response(metrics().registry.render(), { headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' } }),
);
