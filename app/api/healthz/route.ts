import { apiRoute, json } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Liveness: the process answers. Says nothing about the cluster (that is /api/readyz).
export const GET = apiRoute('/api/healthz', async () => json({ status: 'ok' }));
