import type { LiveState } from '@/lib/client/use-live-events';

/** Whether the page is receiving live updates. */
export function LiveIndicator({ connection }: { connection: LiveState['connection'] }) {
  const live = connection === 'live';
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-state={connection}
      className="inline-flex items-center gap-1.5 text-sm text-zinc-700 dark:text-zinc-300"
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${live ? 'bg-emerald-500' : 'animate-pulse bg-amber-500'}`} />
      {live ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
    </span>
  );
}
