// The suite's results: figures with their reference and target, the JSON written to
// bench/results/latest.json and the table in docs/benchmarks.md. Pure.

/** What a figure must satisfy; `text` is what the table shows. */
export interface Target {
  text: string;
  /** value ≤ max */
  max?: number;
  /** value ÷ reference ≤ maxRatio (e.g. 1/20: at least 20× faster than the reference) */
  maxRatio?: number;
  /** value < reference */
  belowReference?: boolean;
  /** value = reference */
  equalsReference?: boolean;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The reference measured in the same run, in the same unit; null when there is none. */
  reference: number | null;
  referenceName: string | null;
  /** value ÷ reference (below 1: faster or smaller than the reference). */
  ratio: number | null;
  target: string | null;
  /** null when the figure has no target of its own. */
  met: boolean | null;
  /** How many samples the value summarises (1 for a single measurement). */
  samples: number;
}

export interface Results {
  generatedAt: string;
  machine: string;
  command: string;
  notes: string[];
  figures: Figure[];
}

/** Four significant digits: enough to compare, not noise. */
export function round(v: number): number {
  return v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(4));
}

export function meets(value: number, reference: number | null, t: Target): boolean {
  const checks: boolean[] = [];
  if (t.max !== undefined) checks.push(value <= t.max);
  if (t.maxRatio !== undefined || t.belowReference === true || t.equalsReference === true) {
    // A target relative to a reference that was not measured is not met.
    if (reference === null) return false;
    if (t.maxRatio !== undefined) checks.push(reference > 0 && value / reference <= t.maxRatio);
    if (t.belowReference === true) checks.push(value < reference);
    if (t.equalsReference === true) checks.push(value === reference);
  }
  if (checks.length === 0) throw new Error(`target "${t.text}" checks nothing`);
  return checks.every(Boolean);
}

export interface FigureInput {
  name: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number };
  target?: Target;
  samples?: number;
}

export function figure(f: FigureInput): Figure {
  if (!Number.isFinite(f.value)) throw new Error(`${f.name}: not measured (value ${f.value})`);
  if (f.reference !== undefined && !Number.isFinite(f.reference.value)) throw new Error(`${f.name}: reference not measured`);
  const reference = f.reference?.value ?? null;
  return {
    name: f.name,
    value: round(f.value),
    unit: f.unit,
    reference: reference === null ? null : round(reference),
    referenceName: f.reference?.name ?? null,
    ratio: reference === null || reference === 0 ? null : round(f.value / reference),
    target: f.target?.text ?? null,
    met: f.target === undefined ? null : meets(f.value, reference, f.target),
    samples: f.samples ?? 1,
  };
}

/** A median and a p95 figure from one set of samples; the target (if any) applies to the p95. */
export function medianAndP95(
  base: { name: string; unit: string; target?: Target },
  s: { median: number; p95: number; n: number },
  ref?: { name: string; median: number; p95: number },
): Figure[] {
  return [
    figure({
      name: `${base.name} (median)`,
      value: s.median,
      unit: base.unit,
      samples: s.n,
      reference: ref && { name: `${ref.name} (median)`, value: ref.median },
    }),
    figure({
      name: `${base.name} (p95)`,
      value: s.p95,
      unit: base.unit,
      samples: s.n,
      target: base.target,
      reference: ref && { name: `${ref.name} (p95)`, value: ref.p95 },
    }),
  ];
}

function cell(v: number | null, unit = ''): string {
  return v === null ? '—' : `${v}${unit === '' ? '' : ` ${unit}`}`;
}

function ratioCell(r: number | null): string {
  if (r === null) return '—';
  return r < 1 ? `${r} (${round(1 / r)}× less)` : `${r}`;
}

export function markdownTable(figures: readonly Figure[]): string {
  const lines = ['| figure | value | reference (same run) | value ÷ reference | target | met |', '| --- | --- | --- | --- | --- | --- |'];
  for (const f of figures) {
    const ref = f.reference === null ? '—' : `${cell(f.reference, f.unit)} (${f.referenceName ?? ''})`;
    const met = f.met === null ? '' : f.met ? 'yes' : '**no**';
    lines.push(`| ${f.name} | ${cell(f.value, f.unit)} | ${ref} | ${ratioCell(f.ratio)} | ${f.target ?? ''} | ${met} |`);
  }
  return lines.join('\n');
}

export function missed(figures: readonly Figure[]): Figure[] {
  return figures.filter((f) => f.met === false);
}
