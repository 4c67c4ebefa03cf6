import { parseSlurmTimeLimit, type SlurmTimeLimit } from './slurm-time';

// The text of `sinfo -s`, which the interLink Slurm plugin sends as its ping answer, e.g.
//   PARTITION AVAIL  TIMELIMIT   NODES(A/I/O/T) NODELIST
//   cpu*         up   infinite          0/1/0/1 labnode
// `*` marks the default partition; NODES(A/I/O/T) counts allocated/idle/other/total nodes.
// Columns are found by their header, in whatever order and with whatever other columns it
// gives, and every header line starts afresh (`sinfo -M` prints `CLUSTER:` and a header per
// cluster).
// See https://slurm.schedmd.com/sinfo.html. Nothing here throws.

/** Partition states as sinfo prints them (`up`, `down`, `drain`, `inact`). */
export const PARTITION_AVAILABILITIES = ['up', 'down', 'drain', 'inactive', 'unknown'] as const;
export type PartitionAvailability = (typeof PARTITION_AVAILABILITIES)[number];

export interface NodeCounts {
  allocated: number;
  idle: number;
  other: number;
  total: number;
}

export interface SlurmPartition {
  name: string;
  /** Marked `*`: where jobs without `--partition` go. */
  isDefault: boolean;
  availability: PartitionAvailability;
  /** The AVAIL column as printed; null when the header has none. */
  availabilityText: string | null;
  timeLimit: SlurmTimeLimit | null;
  nodes: NodeCounts | null;
  /** A Slurm hostlist such as `node[01-12],gpu01`, as printed. */
  nodeList: string | null;
}

type Column = 'partition' | 'avail' | 'timelimit' | 'nodes' | 'nodelist';

const HEADERS: Readonly<Record<string, Column>> = {
  PARTITION: 'partition',
  AVAIL: 'avail',
  TIMELIMIT: 'timelimit',
  TIME_LIMIT: 'timelimit',
  'NODES(A/I/O/T)': 'nodes',
  NODELIST: 'nodelist',
  NODE_LIST: 'nodelist',
};

const AVAILABILITY: Readonly<Record<string, PartitionAvailability>> = {
  up: 'up',
  down: 'down',
  drain: 'drain',
  inact: 'inactive',
  inactive: 'inactive',
};

/**
 * The partitions of `sinfo -s` text, or null when the text has no sinfo header (it is
 * something else). Lines that do not fit the header's columns are skipped.
 */
export function parseSinfoSummary(text: string): SlurmPartition[] | null {
  let columns: Array<Column | null> | null = null;
  const partitions: SlurmPartition[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const tokens = line
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    if (tokens.length === 0) continue;
    const header = readHeader(tokens);
    if (header !== null) {
      columns = header;
      continue;
    }
    const partition = columns === null ? null : readRow(columns, tokens);
    if (partition !== null) partitions.push(partition);
  }
  return columns === null ? null : partitions;
}

/** A header names the partition and at least one other column sinfo -s prints. */
function readHeader(tokens: readonly string[]): Array<Column | null> | null {
  const columns = tokens.map((t) => HEADERS[t.toUpperCase()] ?? null);
  const known = new Set(columns.filter((c) => c !== null));
  return known.has('partition') && known.size >= 2 ? columns : null;
}

function readRow(columns: ReadonlyArray<Column | null>, tokens: readonly string[]): SlurmPartition | null {
  // sinfo leaves a value empty only at the end of a line (a partition without nodes).
  if (tokens.length > columns.length || tokens.length < columns.length - 1) return null;
  const value = (c: Column): string | null => {
    const i = columns.indexOf(c);
    return i < 0 ? null : (tokens[i] ?? null);
  };
  const rawName = value('partition');
  if (rawName === null) return null;
  const isDefault = rawName.endsWith('*');
  const name = isDefault ? rawName.slice(0, -1) : rawName;
  if (name === '') return null;
  const nodesText = value('nodes');
  const nodes = nodesText === null ? null : readCounts(nodesText);
  // A row whose counts are not a/i/o/t is not a partition line (a message, a stray line).
  if (columns.includes('nodes') && nodes === null) return null;
  const availabilityText = value('avail');
  const timeText = value('timelimit');
  return {
    name,
    isDefault,
    availability: availabilityText === null ? 'unknown' : (AVAILABILITY[availabilityText.toLowerCase()] ?? 'unknown'),
    availabilityText,
    timeLimit: timeText === null ? null : parseSlurmTimeLimit(timeText),
    nodes,
    nodeList: value('nodelist'),
  };
}

function readCounts(text: string): NodeCounts | null {
  const m = /^(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(text);
  if (m === null) return null;
  const [allocated, idle, other, total] = m.slice(1).map(Number);
  if (allocated === undefined || idle === undefined || other === undefined || total === undefined) return null;
  if (![allocated, idle, other, total].every(Number.isSafeInteger)) return null;
  return { allocated, idle, other, total };
}
