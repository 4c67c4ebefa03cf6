import type { JobDetailResponse } from '@/lib/api/job-detail';
import { formatClock } from '@/lib/format/time';

type Entry = JobDetailResponse['detail']['timeline'][number];

/** created → scheduled → submitted to Slurm → started → finished, with times. */
export function JobTimeline({ entries, now }: { entries: readonly Entry[]; now: number }) {
  return (
    <ol className="flex flex-wrap gap-x-2 gap-y-3 text-sm" data-testid="job-timeline">
      {entries.map((e, i) => (
        <li key={e.step} className="flex items-center gap-2" data-step={e.step} data-done={e.done}>
          <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${e.done ? 'bg-emerald-600' : 'border border-zinc-400'}`} />
          <span className={e.done ? 'font-medium' : 'text-zinc-600 dark:text-zinc-400'}>
            {e.label}
            <span className="sr-only">{e.done ? ' (done)' : ' (not yet)'}</span>
          </span>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            {e.at === null ? (e.done ? 'time not recorded' : '') : formatClock(e.at, now)}
          </span>
          {i < entries.length - 1 && (
            <span aria-hidden="true" className="text-zinc-400">
              →
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
