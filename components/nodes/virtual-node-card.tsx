import type { NodeView } from '@/lib/api/nodes';
import { ago } from '@/lib/format/time';

import { CardSection } from '../ui/section';
import { ConditionsTable } from './conditions-table';
import { DownSince } from './down-since';
import { HealthBadge } from './health-badge';
import { JobCounts } from './job-counts';
import { Capacity, PingResources } from './node-resources';
import { ReadinessTimeline } from './readiness-timeline';
import { TaintsAndLabels } from './taints-labels';

export function VirtualNodeCard({ node, now }: { node: NodeView; now: number }) {
  const heading = `node-${node.name}-heading`;
  return (
    <article
      id={`node-${node.name}`}
      aria-labelledby={heading}
      data-testid={`node-${node.name}`}
      data-healthy={node.healthy}
      className="scroll-mt-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-950"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={heading} className="font-mono text-lg font-semibold">
          {node.name}
        </h3>
        <HealthBadge node={node} />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">interLink {node.interlinkVersion ?? 'version unknown'}</span>
        <span className="ml-auto text-sm text-zinc-600 dark:text-zinc-400">Last heartbeat {ago(node.lastHeartbeat, now) ?? 'never'}</span>
      </header>
      {!node.healthy && (
        <p
          role="note"
          className={
            'mt-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 ' +
            'dark:border-red-800 dark:bg-red-950/50 dark:text-red-100'
          }
          data-testid="node-why"
        >
          Not ready <DownSince since={node.downSince} now={now} />: {node.why}
        </p>
      )}
      <div className="mt-3">
        <ConditionsTable node={node} now={now} />
      </div>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {/* A partitions table needs the card's width; a few resource facts fit one column. */}
        <div className={node.pingKind === 'sinfo' ? 'min-w-0 sm:col-span-2 lg:col-span-3' : 'min-w-0'}>
          <PingResources node={node} />
        </div>
        <Capacity node={node} />
        <CardSection title="Offloaded jobs">
          <JobCounts jobs={node.jobs} />
        </CardSection>
        <TaintsAndLabels node={node} />
        <div className="sm:col-span-2">
          <CardSection title="Readiness history">
            <ReadinessTimeline history={node.history} now={now} />
          </CardSection>
        </div>
      </div>
    </article>
  );
}
