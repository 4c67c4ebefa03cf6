import type { NodeView } from '@/lib/api/nodes';
import { ago } from '@/lib/format/time';

import { HealthBadge } from './health-badge';

/** Ordinary (non-interLink) nodes, listed apart and briefly. */
export function OtherNodesTable({ nodes, now }: { nodes: readonly NodeView[]; now: number }) {
  if (nodes.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No other nodes.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Ordinary nodes</caption>
        <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {['Name', 'Status', 'Kubelet', 'CPU', 'Memory', 'Last heartbeat'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.name} className="border-t border-zinc-200 dark:border-zinc-800">
              <th scope="row" className="px-3 py-2 font-mono font-normal">
                {n.name}
              </th>
              <td className="px-3 py-2">
                <HealthBadge node={n} />
                {n.why && <span className="ml-2 text-zinc-700 dark:text-zinc-300">{n.why}</span>}
              </td>
              <td className="px-3 py-2 font-mono">{n.interlinkVersion ?? '—'}</td>
              <td className="px-3 py-2 font-mono">{n.capacity.cpu ?? '—'}</td>
              <td className="px-3 py-2 font-mono">{n.capacity.memory ?? '—'}</td>
              <td className="px-3 py-2">{ago(n.lastHeartbeat, now) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
