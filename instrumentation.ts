// Starts the shared cache (and the live feeds on it) when the server starts, so it is
// synced before the first page asks, and /api/readyz turns ready on its own; and the
// metrics listener on its own port (lib/observability/metrics-server.ts). Reads the limits
// first: a bad setting stops the server at once, saying which (lib/http/limits.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { limits } = await import('@/lib/http/limits');
    try {
      limits();
    } catch (err) {
      // Next would go on answering 500 to everything; a clear exit is easier to see.
      const { errorText, log } = await import('@/lib/observability/log');
      log.error('the server cannot start', { err: errorText(err) });
      process.exit(1);
    }
    const { getLive } = await import('@/lib/live/live');
    getLive();
    const { startMetricsServer } = await import('@/lib/observability/metrics-server');
    startMetricsServer();
  }
}
