// A minimal Prometheus registry: counters, gauges and histograms with labels, rendered in
// the text exposition format (version 0.0.4). Pure apart from holding its numbers; enough
// for this dashboard without a client library. Collectors add samples read at scrape time
// (e.g. watch restart counts kept by the cache).

export type Labels = Readonly<Record<string, string>>;
type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  labels: Labels;
  value: number;
}

export interface CollectedMetric {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: Sample[];
}

interface Family {
  name: string;
  help: string;
  type: MetricType;
  series: Map<string, { labels: Labels; value: number; buckets?: number[]; sum?: number }>;
  buckets?: readonly number[];
}

const labelKey = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

export class Registry {
  private readonly families: Family[] = [];
  private readonly collectors: Array<() => CollectedMetric[]> = [];

  counter(name: string, help: string) {
    const f = this.family(name, help, 'counter');
    return { inc: (labels: Labels = {}, by = 1) => (this.series(f, labels).value += by) };
  }

  gauge(name: string, help: string) {
    const f = this.family(name, help, 'gauge');
    return {
      set: (labels: Labels, value: number) => (this.series(f, labels).value = value),
      inc: (labels: Labels = {}, by = 1) => (this.series(f, labels).value += by),
    };
  }

  histogram(name: string, help: string, buckets: readonly number[]) {
    const f = this.family(
      name,
      help,
      'histogram',
      [...buckets].sort((a, b) => a - b),
    );
    return {
      observe: (labels: Labels, value: number) => {
        const s = this.series(f, labels);
        s.value += 1;
        s.sum = (s.sum ?? 0) + value;
        f.buckets?.forEach((le, i) => {
          if (value <= le && s.buckets) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
        });
      },
    };
  }

  collect(collector: () => CollectedMetric[]): void {
    this.collectors.push(collector);
  }

  render(): string {
    const lines: string[] = [];
    for (const f of this.families) {
      lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
      for (const s of f.series.values()) {
        if (f.type !== 'histogram') {
          lines.push(`${f.name}${renderLabels(s.labels)} ${s.value}`);
          continue;
        }
        f.buckets?.forEach((le, i) =>
          lines.push(`${f.name}_bucket${renderLabels({ ...s.labels, le: String(le) })} ${s.buckets?.[i] ?? 0}`),
        );
        lines.push(`${f.name}_bucket${renderLabels({ ...s.labels, le: '+Inf' })} ${s.value}`);
        lines.push(`${f.name}_sum${renderLabels(s.labels)} ${s.sum ?? 0}`, `${f.name}_count${renderLabels(s.labels)} ${s.value}`);
      }
    }
    for (const m of this.collectors.flatMap((c) => c())) {
      lines.push(`# HELP ${m.name} ${escapeHelp(m.help)}`, `# TYPE ${m.name} ${m.type}`);
      for (const s of m.samples) lines.push(`${m.name}${renderLabels(s.labels)} ${s.value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private family(name: string, help: string, type: MetricType, buckets?: readonly number[]): Family {
    const f: Family = { name, help, type, series: new Map(), buckets };
    this.families.push(f);
    return f;
  }

  private series(f: Family, labels: Labels) {
    const key = labelKey(labels);
    let s = f.series.get(key);
    if (s === undefined) {
      s = { labels, value: 0, ...(f.type === 'histogram' ? { buckets: f.buckets?.map(() => 0) ?? [], sum: 0 } : {}) };
      f.series.set(key, s);
    }
    return s;
  }
}

function renderLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
