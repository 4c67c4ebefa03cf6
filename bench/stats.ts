// Summaries of repeated measurements. Pure. Percentiles use the nearest-rank method, so a
// reported p95 is always one of the measured samples, never an interpolation.

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank; throws on no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples: the measurement was not taken');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is not in (0, 100]`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.some((s) => !Number.isFinite(s))) throw new Error('a sample is not a finite number');
  return {
    n: samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** Runs `once` `n` times in a row and returns the durations in ms (what `once` resolves to when it is a number, else its wall time). */
export async function repeat(n: number, once: () => Promise<number | void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const measured = await once();
    out.push(typeof measured === 'number' ? measured : performance.now() - t0);
  }
  return out;
}
