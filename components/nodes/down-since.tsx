import type { NodeView } from '@/lib/api/nodes';
import { formatClock, formatDuration, secondsSince } from '@/lib/format/time';

/** "since 14:03:07 UTC (2 min)", or "since at least …" when it was already down when history begins. */
export function DownSince({ since, now }: { since: NodeView['downSince']; now: number }) {
  if (since === null) return null;
  const seconds = secondsSince(since.at, now) ?? 0;
  return (
    <>
      {since.exact ? 'since ' : 'since at least '}
      <time dateTime={since.at}>{formatClock(since.at, now)}</time> ({formatDuration(seconds)})
    </>
  );
}
