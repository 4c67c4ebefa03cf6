// Starts the shared cache (and the live feeds on it) when the server starts, so it is
// synced before the first page asks, and /api/readyz turns ready on its own; and the
// metrics listener on its own port (lib/observability/metrics-server.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getLive } = await import('@/lib/live/live');
    getLive();
    const { startMetricsServer } = await import('@/lib/observability/metrics-server');
    startMetricsServer();
  }
}
