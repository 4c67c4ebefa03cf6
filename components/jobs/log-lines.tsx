'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

import type { LineKind } from '@/lib/interlink/jobs/log-lines';
import { highlightParts } from '@/lib/logs/line-buffer';
import type { LogRows } from '@/lib/logs/log-rows';

// The log's rows, virtualised: only what is in view is rendered, whether the log has ten
// lines or a hundred thousand. While `stick` is on and the reader is at the bottom, new
// lines scroll into view; scrolling up stops that until the bottom is reached again. Lines
// that are not the program's own carry a coloured left edge and a muted or warning colour,
// and say what they are to a screen reader.

const LINE_HEIGHT = 20;

const KIND_STYLE: Record<LineKind, { className: string; background: string; label: string | null }> = {
  output: { className: 'border-transparent', background: '', label: null },
  plugin: { className: 'border-zinc-600 text-zinc-400', background: '', label: 'interLink' },
  runtime: { className: 'border-zinc-500 text-zinc-300', background: '', label: 'container runtime' },
  'runtime-error': { className: 'border-red-500 text-red-100', background: 'bg-red-950', label: 'container runtime error' },
  slurm: { className: 'border-amber-400 text-amber-100', background: 'bg-amber-950', label: 'Slurm' },
};

export function LogLines({
  rows,
  version,
  query,
  wrap,
  stick,
  current,
}: {
  rows: LogRows;
  version: number;
  query: string;
  wrap: boolean;
  stick: boolean;
  /** Row of the search hit to show. */
  current: number | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const count = rows.length;
  // The virtualizer re-renders on scroll by itself; nothing here relies on compiler memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => LINE_HEIGHT, overscan: 20 });

  useEffect(() => {
    if (stick && atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [version, stick, count, virtualizer]);

  useEffect(() => {
    if (current !== null) virtualizer.scrollToIndex(current, { align: 'center' });
  }, [current, virtualizer]);

  return (
    <div
      ref={scroller}
      tabIndex={0}
      role="log"
      aria-label="Job log"
      aria-live="off"
      data-testid="log-lines"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2;
      }}
      className={
        'h-[28rem] overflow-auto rounded-lg bg-zinc-950 p-2 font-mono text-xs text-zinc-100 ' +
        'focus-visible:outline-2 focus-visible:outline-blue-600'
      }
    >
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const kind = rows.kind(v.index);
          const style = KIND_STYLE[kind];
          return (
            <div
              key={v.key}
              data-index={v.index}
              data-kind={kind}
              ref={wrap ? virtualizer.measureElement : undefined}
              className={[
                'absolute inset-x-0 border-l-2 pl-1.5',
                wrap ? 'break-all whitespace-pre-wrap' : 'whitespace-pre',
                style.className,
                v.index === current ? 'bg-zinc-700' : style.background,
              ].join(' ')}
              style={{ transform: `translateY(${v.start}px)`, minHeight: LINE_HEIGHT }}
            >
              {style.label !== null && <span className="sr-only">{style.label}: </span>}
              {highlightParts(rows.line(v.index), query).map((p, i) =>
                p.match ? (
                  <mark key={i} className="rounded-sm bg-amber-300 text-zinc-950">
                    {p.text}
                  </mark>
                ) : (
                  <span key={i}>{p.text}</span>
                ),
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
