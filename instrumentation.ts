// Starts the shared cache (and the live feeds on it) when the server starts, so it is
// synced before the first page asks, and /api/readyz turns ready on its own.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getLive } = await import('@/lib/live/live');
    getLive();
  }
}
