// Rows kept in one order as they come and go: a binary search and one splice per change,
// so a read at 10,000 rows never sorts them again. Pure. `compare` must be a total order
// (no two distinct rows equal) that depends on the rows alone, never on the clock.

export class SortedRows<T> {
  private readonly rows: T[];

  constructor(
    rows: Iterable<T>,
    private readonly compare: (a: T, b: T) => number,
  ) {
    this.rows = [...rows].sort(compare);
  }

  /** Every row, in order. Live: it changes with the next insert or remove. */
  get all(): readonly T[] {
    return this.rows;
  }

  insert(row: T): void {
    this.rows.splice(this.position(row), 0, row);
  }

  /** Removes this very row (by identity), found where its values sort. */
  remove(row: T): void {
    const i = this.position(row);
    if (this.rows[i] === row) this.rows.splice(i, 1);
    else {
      // Not where its values say: the order is not total after all. Stay correct, slowly.
      const j = this.rows.indexOf(row);
      if (j >= 0) this.rows.splice(j, 1);
    }
  }

  /** The first index whose row does not sort before `row`. */
  private position(row: T): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.rows[mid] as T, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
