import type { SlurmPartitionView } from '@/lib/api/nodes';
import { formatExactDuration } from '@/lib/format/time';

import { Badge, type Tone } from '../ui/badge';

// The Slurm plugin's ping answer is `sinfo -s`: one row per partition. A partition's state
// says whether jobs sent to this node can start there, so anything but `up` is flagged and
// said in words (meanings: partition State in https://slurm.schedmd.com/scontrol.html).

const STATES: Record<SlurmPartitionView['availability'], { words: string; tone: Tone; note: string | null }> = {
  up: { words: 'up', tone: 'good', note: null },
  down: { words: 'down', tone: 'bad', note: 'jobs queue but do not start' },
  drain: { words: 'draining', tone: 'warn', note: 'takes no new jobs' },
  inactive: { words: 'inactive', tone: 'bad', note: 'takes no new jobs, starts none' },
  unknown: { words: 'unknown', tone: 'neutral', note: null },
};

function State({ p }: { p: SlurmPartitionView }) {
  const s = STATES[p.availability];
  return (
    <>
      <Badge tone={s.tone}>{p.availability === 'unknown' ? (p.availabilityText ?? s.words) : s.words}</Badge>
      {s.note && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{s.note}</span>}
    </>
  );
}

function timeLimitWords(limit: SlurmPartitionView['timeLimit']): string {
  if (limit === null) return '—';
  if (limit.kind === 'unlimited') return 'no limit';
  if (limit.kind === 'duration') return formatExactDuration(limit.seconds);
  return limit.text;
}

function counts(nodes: SlurmPartitionView['nodes']): string {
  return nodes === null ? '—' : `${nodes.allocated} / ${nodes.idle} / ${nodes.other} / ${nodes.total}`;
}

export function SlurmPartitions({ partitions, nodeName }: { partitions: readonly SlurmPartitionView[]; nodeName: string }) {
  if (partitions.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">sinfo lists no partitions.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Slurm partitions of {nodeName} (last ping)</caption>
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Partition
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              State
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Time limit
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Nodes <span className="font-normal">(allocated / idle / other / total)</span>
            </th>
            <th scope="col" className="py-1 font-medium">
              Node list
            </th>
          </tr>
        </thead>
        <tbody className="align-top">
          {partitions.map((p, i) => (
            // sinfo -M may list a name once per cluster, so the position keeps keys unique.
            <tr key={`${i}-${p.name}`} className="border-t border-zinc-200 dark:border-zinc-800">
              <th scope="row" className="py-1 pr-3 font-normal">
                <span className="font-mono">{p.name}</span>
                {p.isDefault && <span className="text-zinc-600 dark:text-zinc-400"> (default)</span>}
              </th>
              <td className="py-1 pr-3">
                <State p={p} />
              </td>
              <td className="py-1 pr-3 whitespace-nowrap">{timeLimitWords(p.timeLimit)}</td>
              <td className="py-1 pr-3 font-mono whitespace-nowrap">{counts(p.nodes)}</td>
              <td className="py-1 font-mono break-all">{p.nodeList ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
