// Which rows of a list of fixed-height rows are in view, for a windowed table: pure.

export interface RowWindow {
  /** First row to render. */
  first: number;
  /** One past the last row to render. */
  end: number;
}

/**
 * Rows `[first, end)` that intersect the viewport, plus `overscan` rows on each side.
 * `offsetTop` is where the first row starts inside the scrolled content (below a header).
 */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
  offsetTop = 0,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop - offsetTop);
  const bottom = Math.max(0, scrollTop + viewportHeight - offsetTop);
  const first = Math.max(0, Math.min(count, Math.floor(top / rowHeight)) - overscan);
  const end = Math.min(count, Math.ceil(bottom / rowHeight) + overscan);
  return { first: Math.min(first, end), end };
}

/** The most rows visibleRows returns for a viewport of that height (in the middle of a long list). */
export function rowSlots(viewportHeight: number, rowHeight: number, overscan: number): number {
  return rowHeight <= 0 ? 0 : Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + 2 * overscan;
}
