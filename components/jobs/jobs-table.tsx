'use client';

import Link from 'next/link';
import { memo, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

import type { JobSortKey, JobViewDto } from '@/lib/api/jobs';
import { formatClock, formatDuration } from '@/lib/format/time';

import { StateBadge } from './state-badge';
import { rowSlots, visibleRows, type RowWindow } from './visible-rows';

// The job list, windowed: only the rows in view (plus a few) are in the DOM, so 10,000
// rows scroll as smoothly as 10. Rows have one fixed height, so which rows are in view is
// arithmetic (visible-rows.ts), without a virtualisation library in the page. ARIA table
// roles keep it a table for screen readers, with the full row count and each row's index.

export interface Sort {
  key: JobSortKey;
  order: 'asc' | 'desc';
}

const COLUMNS: ReadonlyArray<{ key: JobSortKey; label: string }> = [
  { key: 'name', label: 'Job' },
  { key: 'service', label: 'Service' },
  { key: 'node', label: 'Node' },
  { key: 'slurmJobId', label: 'Slurm job' },
  { key: 'state', label: 'State' },
  { key: 'submittedAt', label: 'Submitted' },
  { key: 'startedAt', label: 'Started' },
  { key: 'duration', label: 'Duration' },
];

const GRID =
  'grid grid-cols-[minmax(13rem,2fr)_minmax(7rem,1fr)_7rem_5.5rem_minmax(9rem,1fr)_7.5rem_7.5rem_5.5rem] items-center gap-x-3 px-3';
const ROW_HEIGHT = 44;
/** The sticky header above the first row (h-10 and its border). */
const HEADER_HEIGHT = 41;
const OVERSCAN = 10;
/** The view assumed before the table is measured (server rendering): a tall window's worth of rows. */
const FIRST_VIEW = { top: 0, height: 900 };

function useRowWindow(scroller: RefObject<HTMLDivElement | null>, count: number): RowWindow & { slots: number } {
  const [view, setView] = useState(FIRST_VIEW);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const read = () => setView({ top: el.scrollTop, height: el.clientHeight });
    // Synchronously, so the rows of the new position are painted with the scroll itself.
    const onScroll = () => flushSync(read);
    const resize = new ResizeObserver(read);
    resize.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      resize.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [scroller]);
  const win = visibleRows(view.top, view.height, ROW_HEIGHT, count, OVERSCAN, HEADER_HEIGHT);
  // Exactly as many slots as a full window has rows: a row scrolled in then takes the slot of
  // the row scrolled out. With more slots than that, the two differ and every step removes
  // and creates rows instead of patching them.
  return { ...win, slots: Math.max(win.end - win.first, rowSlots(view.height, ROW_HEIGHT, OVERSCAN)) };
}

export function JobsTable({
  rows,
  sort,
  onSort,
  now,
}: {
  rows: readonly JobViewDto[];
  sort: Sort;
  onSort: (s: Sort) => void;
  now: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const win = useRowWindow(scroller, rows.length);
  return (
    <div
      ref={scroller}
      className="h-[65vh] overflow-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
      data-testid="jobs-table"
    >
      <div role="table" aria-label="Jobs" aria-rowcount={rows.length + 1} className="min-w-[68rem] text-sm">
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900">
          <div role="row" aria-rowindex={1} className={`${GRID} h-10`}>
            {COLUMNS.map((c) => (
              <div
                key={c.key}
                role="columnheader"
                aria-sort={sort.key === c.key ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  type="button"
                  className={
                    'rounded text-left text-xs font-semibold tracking-wide text-zinc-700 uppercase ' +
                    'hover:text-zinc-950 focus-visible:outline-2 focus-visible:outline-blue-600 ' +
                    'dark:text-zinc-300 dark:hover:text-white'
                  }
                  onClick={() => onSort({ key: c.key, order: sort.key === c.key && sort.order === 'desc' ? 'asc' : 'desc' })}
                >
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(win.first, win.end).map((row, i) => {
            const index = win.first + i;
            // Keyed by slot, not by job: a row scrolled out hands its DOM to the row scrolled
            // in, which React then only patches (creating and removing ~20 rows' elements per
            // frame is what made fast scrolling stutter).
            return <JobRow key={index % win.slots} row={row} index={index} now={now} />;
          })}
        </div>
      </div>
    </div>
  );
}

/** Memoised: a scroll step re-renders only the slots that received another row. */
const JobRow = memo(function JobRow({ row, index, now }: { row: JobViewDto; index: number; now: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid={`job-row-${row.namespace}-${row.name}`}
      data-state={row.state}
      className={
        `${GRID} absolute inset-x-0 border-b border-zinc-100 [contain:strict] hover:bg-zinc-50 ` +
        `dark:border-zinc-900 dark:hover:bg-zinc-900`
      }
      style={{ height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` }}
    >
      <JobCells row={row} now={now} />
    </div>
  );
});

function JobCells({ row, now }: { row: JobViewDto; now: number }) {
  const cell = 'truncate';
  const duration =
    row.startedAt === null ? null : ((row.finishedAt === null ? now : Date.parse(row.finishedAt)) - Date.parse(row.startedAt)) / 1000;
  return (
    <>
      <div role="cell" className={`${cell} flex items-center gap-2`}>
        {/* No prefetch: scrolling through 10,000 rows would ask the server for each detail page in view. */}
        <Link
          href={`/jobs/${row.namespace}/${row.name}`}
          prefetch={false}
          className={
            'truncate font-medium text-blue-700 hover:underline focus-visible:outline-2 ' +
            'focus-visible:outline-blue-600 dark:text-blue-300'
          }
        >
          {row.name}
        </Link>
        <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{row.namespace}</span>
        {!row.offloaded && (
          <span
            className="shrink-0 rounded bg-zinc-100 px-1 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            data-testid="not-offloaded"
          >
            not offloaded
          </span>
        )}
      </div>
      <div role="cell" className={cell}>
        {row.service ?? '—'}
      </div>
      <div role="cell" className={`${cell} font-mono`}>
        {row.node ?? '—'}
      </div>
      <div role="cell" className={`${cell} font-mono`} data-testid="slurm-id">
        {row.slurmJobId ?? '—'}
      </div>
      <div role="cell" className={cell}>
        <StateBadge state={row.state} reason={row.reason} exitCode={row.exitCode} />
      </div>
      <div role="cell" className={cell}>
        {row.submittedAt === null ? '—' : formatClock(row.submittedAt, now)}
      </div>
      <div role="cell" className={cell}>
        {row.startedAt === null ? '—' : formatClock(row.startedAt, now)}
      </div>
      <div role="cell" className={cell}>
        {duration === null ? '—' : formatDuration(duration)}
      </div>
    </>
  );
}
