import type { NodeView } from '@/lib/api/nodes';

import { CardSection, Facts } from '../ui/section';

// What the plugin last reported in its ping (the HPC side's real resources), and the
// node's capacity/allocatable (the virtual kubelet's configuration). The virtual kubelet's
// CPU/memory *usage* is a dummy value and is deliberately never shown.

export function PingResources({ node }: { node: NodeView }) {
  const r = node.pingResources;
  return (
    <CardSection title="Reported by the plugin (last ping)">
      {r === null ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {node.pingError ? `The ping answer is unreadable: ${node.pingError}.` : 'No resources reported: the last ping failed or none has succeeded yet.'}
        </p>
      ) : (
        <Facts
          items={[
            ['CPU', r.cpu ?? '—'],
            ['Memory', r.memory ?? '—'],
            ['Pods', r.pods ?? '—'],
            ...r.accelerators.map((a) => [a.resourceType, `${a.available} available${a.model ? ` (${a.model})` : ''}`] as const),
          ]}
        />
      )}
      {node.pingRaw !== null && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer rounded text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300">Raw ping response</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-800">{node.pingRaw}</pre>
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
          ...node.accelerators.map((a) => [a.resource, `${a.capacity ?? '—'} / ${a.allocatable ?? '—'}${a.model ? ` (${a.model})` : ''}`] as const),
        ]}
      />
      {node.accelerators.length === 0 && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">No accelerators advertised.</p>}
    </CardSection>
  );
}
