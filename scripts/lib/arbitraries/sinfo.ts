import fc from 'fast-check';

import type { PartitionAvailability, SlurmPartition } from '../../../lib/interlink/slurm/sinfo.ts';
import type { SlurmTimeLimit } from '../../../lib/interlink/slurm/slurm-time.ts';

// Test support only (imported by *.test.ts): `sinfo -s` text rendered from random
// partitions, with the partitions a reader should get back from it.

/** The ping answer of vega-vk's Slurm plugin 0.6.1, as captured from the lab. */
export const LAB_SINFO =
  'PARTITION AVAIL  TIMELIMIT   NODES(A/I/O/T) NODELIST\ncpu*         up   infinite          ' +
  '0/1/0/1 labnode\ngpu          up   infinite          0/1/0/1 labnode\n';

/** A duration as sinfo prints it: `[D-]H:MM:SS`, or `M:SS` under an hour. */
export function slurmTimeText(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor(seconds / 3_600) % 24;
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  if (d > 0) return `${d}-${pad(h)}:${pad(m)}:${pad(s)}`;
  if (h > 0) return `${h}:${pad(m)}:${pad(s)}`;
  return `${m}:${pad(s)}`;
}

type Column = 'avail' | 'timelimit' | 'nodes' | 'nodelist';

const timeLimit: fc.Arbitrary<SlurmTimeLimit> = fc.oneof(
  fc.integer({ min: 0, max: 400 * 86_400 }).map((seconds) => ({ kind: 'duration' as const, text: slurmTimeText(seconds), seconds })),
  fc.constantFrom<SlurmTimeLimit>(
    { kind: 'unlimited', text: 'infinite' },
    { kind: 'unlimited', text: 'UNLIMITED' },
    { kind: 'unknown', text: 'n/a' },
  ),
);

const availability = fc.constantFrom<readonly [string, PartitionAvailability]>(
  ['up', 'up'],
  ['down', 'down'],
  ['drain', 'drain'],
  ['inact', 'inactive'],
  ['UP', 'up'],
  ['maint', 'unknown'],
);

const count = fc.nat({ max: 100_000 });

/** One partition with every field sinfo -s prints; a null node list is printed as nothing. */
export const partition: fc.Arbitrary<SlurmPartition> = fc
  .record({
    name: fc
      .stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,11}$/)
      .filter((n) => !/^(partition|avail|timelimit|time_limit|nodelist|node_list)$/i.test(n)),
    isDefault: fc.boolean(),
    availability,
    timeLimit,
    nodes: fc.record({ allocated: count, idle: count, other: count, total: count }),
    nodeList: fc.option(fc.stringMatching(/^[a-z]{1,6}(\[\d{2}-\d{2}\])?(,[a-z]{1,6}\d{0,2}){0,2}$/), { nil: null }),
  })
  .map(({ availability: [availabilityText, state], ...p }) => ({ ...p, availability: state, availabilityText }));

/** Columns sinfo may add that the reader must step over. */
const EXTRA_COLUMNS = [
  { header: 'JOB_SIZE', value: '1-infinite' },
  { header: 'ROOT', value: 'no' },
  { header: 'OVERSUBS', value: 'NO' },
] as const;

const HEADER_NAMES: Record<Column, readonly string[]> = {
  avail: ['AVAIL'],
  timelimit: ['TIMELIMIT', 'TIME_LIMIT'],
  nodes: ['NODES(A/I/O/T)'],
  nodelist: ['NODELIST', 'NODE_LIST'],
};

export interface SinfoCase {
  text: string;
  /** What parseSinfoSummary must return for `text`. */
  expected: SlurmPartition[];
  /** The header has the NODES(A/I/O/T) column, which tells partition lines from others. */
  hasNodes: boolean;
}

/**
 * sinfo -s text for random partitions: a random choice and order of columns (the partition
 * always, at least one other), header spellings, spaces and tabs, LF/CRLF/CR, blank lines,
 * with or without a final newline.
 */
export const sinfoCase: fc.Arbitrary<SinfoCase> = fc
  .record({
    known: fc.subarray<Column>(['avail', 'timelimit', 'nodes', 'nodelist'], { minLength: 1 }),
    extra: fc.subarray([...EXTRA_COLUMNS]),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    spelling: fc.nat(),
    lowerCaseHeader: fc.boolean(),
    partitions: fc.array(partition, { maxLength: 6 }),
    separators: fc.array(fc.stringMatching(/^[ \t]{1,4}$/), { minLength: 1, maxLength: 16 }),
    indent: fc.stringMatching(/^[ \t]{0,3}$/),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blankLines: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map((c) => {
    type Cell = { column: 'partition' | Column; header: string } | { column: null; header: string; value: string };
    const cells: Cell[] = [
      { column: 'partition', header: 'PARTITION' },
      ...c.known.map((column) => {
        const names = HEADER_NAMES[column];
        return { column, header: names[c.spelling % names.length] ?? column };
      }),
      ...c.extra.map((e) => ({ column: null, header: e.header, value: e.value })),
    ];
    // A deterministic shuffle driven by `order`.
    const ordered = cells
      .map((cell, i) => ({ cell, key: c.order[i] ?? 0, i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((x) => x.cell);
    const lastIsNodeList = ordered.at(-1)?.column === 'nodelist';
    const has = (col: Column) => c.known.includes(col);
    // sinfo prints an empty node list only at the end of a line; elsewhere there is always one.
    const partitions = c.partitions.map((p) => (p.nodeList === null && !lastIsNodeList ? { ...p, nodeList: 'n0' } : p));
    const value = (p: SlurmPartition, cell: Cell): string => {
      switch (cell.column) {
        case null:
          return cell.value;
        case 'partition':
          return p.isDefault ? `${p.name}*` : p.name;
        case 'avail':
          return p.availabilityText ?? '';
        case 'timelimit':
          return p.timeLimit?.text ?? '';
        case 'nodes':
          return p.nodes === null ? '' : `${p.nodes.allocated}/${p.nodes.idle}/${p.nodes.other}/${p.nodes.total}`;
        case 'nodelist':
          return p.nodeList ?? '';
      }
    };
    let sep = 0;
    const join = (tokens: string[]) =>
      c.indent + tokens.map((t, i) => (i === 0 ? t : `${c.separators[sep++ % c.separators.length] ?? ' '}${t}`)).join('');
    const header = join(ordered.map((cell) => (c.lowerCaseHeader ? cell.header.toLowerCase() : cell.header)));
    const rows = partitions.map((p) => join(ordered.map((cell) => value(p, cell))).trimEnd());
    const lines = [header, ...(c.blankLines ? [''] : []), ...rows, ...(c.blankLines ? [c.indent] : [])];
    const text = lines.join(c.eol) + (c.finalNewline ? c.eol : '');
    const expected = partitions.map((p) => ({
      name: p.name,
      isDefault: p.isDefault,
      availability: has('avail') ? p.availability : 'unknown',
      availabilityText: has('avail') ? p.availabilityText : null,
      timeLimit: has('timelimit') ? p.timeLimit : null,
      nodes: has('nodes') ? p.nodes : null,
      nodeList: has('nodelist') ? p.nodeList : null,
    }));
    return { text, expected, hasNodes: has('nodes') };
  });
