import type { NodeView } from '@/lib/api/nodes';
import { formatClock } from '@/lib/format/time';

// A strip from the start of the node's history to now, one segment per state, and the
// latest changes in words. The strip is decoration for sighted users; the list below
// carries the same facts for everyone.

interface Segment {
  from: number;
  to: number;
  state: 'up' | 'down' | 'unknown';
}

function segments(history: NodeView['history'], now: number): Segment[] {
  const start = Date.parse(history.since);
  const out: Segment[] = [];
  const first = history.entries[0];
  if (first === undefined || Date.parse(first.at) > start)
    out.push({ from: start, to: first ? Date.parse(first.at) : now, state: 'unknown' });
  history.entries.forEach((e, i) => {
    const next = history.entries[i + 1];
    out.push({ from: Date.parse(e.at), to: next ? Date.parse(next.at) : now, state: e.healthy ? 'up' : 'down' });
  });
  return out;
}

const COLOUR = { up: 'bg-emerald-500', down: 'bg-red-500', unknown: 'bg-zinc-300 dark:bg-zinc-600' } as const;

export function ReadinessTimeline({ history, now }: { history: NodeView['history']; now: number }) {
  const parts = segments(history, now);
  const total = Math.max(1, now - Date.parse(history.since));
  const fromEvents = history.entries.some((e) => e.source === 'event');
  const recent = history.entries.slice(-4).reverse();
  return (
    <div>
      <p className="mb-1 text-xs text-zinc-600 dark:text-zinc-400">
        Since <time dateTime={history.since}>{formatClock(history.since, now)}</time>{' '}
        {fromEvents ? '(Kubernetes Events, then watched by this server)' : '(since this server started)'}
      </p>
      <div className="flex h-3 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700" aria-hidden="true">
        {parts.map((p) => (
          <div
            key={`${p.from}-${p.state}`}
            className={COLOUR[p.state]}
            style={{ width: `${(Math.max(0, p.to - p.from) / total) * 100}%` }}
          />
        ))}
      </div>
      <ol className="mt-1.5 space-y-0.5 text-xs">
        {recent.map((e) => (
          <li key={`${e.at}-${e.source}`}>
            <time dateTime={e.at} className="font-mono">
              {formatClock(e.at, now)}
            </time>{' '}
            {e.healthy ? 'ready' : `not ready: ${e.why ?? 'no reason given'}`}
            {e.source === 'event' ? ' (Kubernetes Event)' : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
