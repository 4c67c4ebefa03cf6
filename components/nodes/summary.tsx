import type { NodeView } from '@/lib/api/nodes';
import { count } from '@/lib/format/plural';

import { DownSince } from './down-since';
import { TONE } from '@/components/ui/tones';

/** The one-glance answer for an admin: how many virtual nodes are ready, and which are not, since when, why. */
export function NodesSummary({ nodes, now }: { nodes: readonly NodeView[]; now: number }) {
  const down = nodes.filter((n) => !n.healthy);
  const ready = nodes.length - down.length;
  const allGood = down.length === 0;
  return (
    <section aria-labelledby="summary-heading" className={`rounded-lg border p-4 ${allGood ? TONE.ok : TONE.error}`}>
      <h2 id="summary-heading" className="sr-only">
        Summary
      </h2>
      {/* Polite live region: a screen reader hears a node going down without moving focus. */}
      <div aria-live="polite" aria-atomic="true">
        <p className="text-lg font-medium" data-testid="nodes-summary">
          {ready} of {count(nodes.length, 'virtual node')} ready{allGood ? '.' : ':'}
        </p>
        {!allGood && (
          <ul className="mt-2 space-y-1 text-sm">
            {down.map((n) => (
              <li key={n.name}>
                <a
                  href={`#node-${n.name}`}
                  className="font-mono font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  {n.name}
                </a>{' '}
                not ready <DownSince since={n.downSince} now={now} />: {n.why}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
