'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

import { highlightParts, type LineBuffer } from '@/lib/logs/line-buffer';

// The log's lines, virtualised: only what is in view is rendered, whether the log has ten
// lines or a hundred thousand. While `stick` is on and the reader is at the bottom, new
// lines scroll into view; scrolling up stops that until the bottom is reached again.

const LINE_HEIGHT = 20;

export function LogLines({ buffer, version, query, wrap, stick, current }: {
  buffer: LineBuffer;
  version: number;
  query: string;
  wrap: boolean;
  stick: boolean;
  /** Index of the search hit to show. */
  current: number | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const count = buffer.length;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders on scroll by itself; nothing here relies on compiler memoization.
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
      className="h-[28rem] overflow-auto rounded-lg bg-zinc-950 p-2 font-mono text-xs text-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => (
          <div
            key={v.key}
            data-index={v.index}
            ref={wrap ? virtualizer.measureElement : undefined}
            className={`absolute inset-x-0 ${wrap ? 'break-all whitespace-pre-wrap' : 'whitespace-pre'} ${v.index === current ? 'bg-zinc-800' : ''}`}
            style={{ transform: `translateY(${v.start}px)`, minHeight: LINE_HEIGHT }}
          >
            {highlightParts(buffer.line(v.index), query).map((p, i) =>
              p.match ? (
                <mark key={i} className="rounded-sm bg-amber-300 text-zinc-950">
                  {p.text}
                </mark>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
