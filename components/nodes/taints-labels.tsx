import type { NodeView } from '@/lib/api/nodes';
import { count } from '@/lib/format/plural';

import { CardSection } from '../ui/section';

export function TaintsAndLabels({ node }: { node: NodeView }) {
  const labels = Object.entries(node.labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <CardSection title="Taints and labels">
      {node.taints.length === 0 ? (
        <p className="text-sm">No taints.</p>
      ) : (
        <ul className="space-y-0.5 font-mono text-sm break-all">
          {node.taints.map((t) => (
            <li key={`${t.key}:${t.effect}`}>
              {t.key}
              {t.value === null ? '' : `=${t.value}`}:{t.effect}
            </li>
          ))}
        </ul>
      )}
      <details className="mt-2 text-sm">
        <summary
          className={
            'cursor-pointer rounded text-blue-700 underline-offset-2 hover:underline ' +
            'focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300'
          }
        >
          {count(labels.length, 'label')}
        </summary>
        <ul className="mt-1 space-y-0.5 font-mono text-xs break-all">
          {labels.map(([k, v]) => (
            <li key={k}>
              {k}={v}
            </li>
          ))}
        </ul>
      </details>
    </CardSection>
  );
}
