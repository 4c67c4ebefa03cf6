import type { NodeView } from '@/lib/api/nodes';

import { CardSection, Facts } from '../ui/section';
import { SlurmPartitions } from './slurm-partitions';

// What the plugin last answered to the virtual kubelet's ping (the HPC side's own view),
// and the node's capacity/allocatable (the virtual kubelet's configuration). The virtual
// kubelet's CPU/memory *usage* is a dummy value and is deliberately never shown. Every kind
// of answer is shown plainly: an answer at all means the ping succeeded.

const muted = 'text-sm text-zinc-600 dark:text-zinc-400';
const rawBlock = 'mt-1 overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-800';

function PingAnswer({ node }: { node: NodeView }) {
  switch (node.pingKind) {
    case 'none':
      return <p className={muted}>Nothing reported: the last ping failed or none has succeeded yet.</p>;
    case 'sinfo':
      return <SlurmPartitions partitions={node.pingPartitions ?? []} nodeName={node.name} />;
    case 'text':
      return (
        <>
          <p className={muted}>The plugin&apos;s answer (not in a format Offload knows):</p>
          <pre className={rawBlock}>{node.pingRaw}</pre>
        </>
      );
    case 'json': {
      const r = node.pingResources;
      if (r === null)
        return <p className={muted}>The plugin answered{node.pingStatus ? ` “${node.pingStatus}”` : ''} without resources.</p>;
      return (
        <Facts
          items={[
            ['CPU', r.cpu ?? '—'],
            ['Memory', r.memory ?? '—'],
            ['Pods', r.pods ?? '—'],
            ...r.accelerators.map((a) => [a.resourceType, `${a.available} available${a.model ? ` (${a.model})` : ''}`] as const),
          ]}
        />
      );
    }
  }
}

export function PingResources({ node }: { node: NodeView }) {
  return (
    <CardSection title={node.pingKind === 'sinfo' ? 'Slurm partitions (last ping)' : 'Reported by the plugin (last ping)'}>
      <PingAnswer node={node} />
      {/* Unknown text is already shown whole above. */}
      {node.pingRaw !== null && node.pingKind !== 'text' && (
        <details className="mt-2 text-sm">
          <summary
            className={
              'cursor-pointer rounded text-blue-700 underline-offset-2 hover:underline ' +
              'focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300'
            }
          >
            Raw ping response
          </summary>
          <pre className={rawBlock}>{node.pingRaw}</pre>
        </details>
      )}
    </CardSection>
  );
}

export function Capacity({ node }: { node: NodeView }) {
  const keys = ['cpu', 'memory', 'pods'];
  return (
    <CardSection title="Capacity / allocatable">
      <Facts
        items={[
          ...keys.map((k) => [k, `${node.capacity[k] ?? '—'} / ${node.allocatable[k] ?? '—'}`] as const),
          ...node.accelerators.map(
            (a) => [a.resource, `${a.capacity ?? '—'} / ${a.allocatable ?? '—'}${a.model ? ` (${a.model})` : ''}`] as const,
          ),
        ]}
      />
      {node.accelerators.length === 0 && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">No accelerators advertised.</p>}
    </CardSection>
  );
}
