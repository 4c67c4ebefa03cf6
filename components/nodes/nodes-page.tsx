'use client';

import { LiveIndicator } from '@/components/live-indicator';
import { NodesSummary } from '@/components/nodes/summary';
import { OtherNodesTable } from '@/components/nodes/other-nodes-table';
import { ClusterBanner, ErrorState, LoadingState, NoVirtualNodes } from '@/components/nodes/states';
import { VirtualNodeCard } from '@/components/nodes/virtual-node-card';
import { ApiError } from '@/lib/api/api-error';
import { useNodes } from '@/lib/client/use-nodes';
import { useNow } from '@/lib/format/use-now';
import { VIRTUAL_NODE_LABELS } from '@/lib/interlink/model/keys';

const LOOKED_FOR = [VIRTUAL_NODE_LABELS.current, VIRTUAL_NODE_LABELS.legacy].map(({ key, value }) => `${key}=${value}`);

export function NodesPageClient() {
  const { data, error, live } = useNodes();
  const now = useNow();
  const items = [...(data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const virtual = items.filter((n) => n.kind === 'interlink');
  const other = items.filter((n) => n.kind === 'other');
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Virtual nodes</h1>
        {data !== undefined && <LiveIndicator connection={live.connection} />}
      </div>
      {data === undefined && error === null && <LoadingState />}
      {data === undefined && error !== null && (
        <ErrorState error={error instanceof ApiError ? error : new ApiError(0, 'internal', 'The dashboard server could not be reached.')} />
      )}
      {data !== undefined && live.cluster?.reachable === false && <ClusterBanner reason={live.cluster.reason} />}
      {data !== undefined && (
        <>
          {virtual.length === 0 ? (
            <NoVirtualNodes lookedFor={LOOKED_FOR} otherCount={other.length} />
          ) : (
            <NodesSummary nodes={virtual} now={now} />
          )}
          <section aria-labelledby="virtual-heading" className="space-y-4">
            <h2 id="virtual-heading" className="sr-only">
              interLink virtual nodes
            </h2>
            <div className="grid gap-4 2xl:grid-cols-2">
              {virtual.map((n) => (
                <VirtualNodeCard key={n.name} node={n} now={now} />
              ))}
            </div>
          </section>
          <section aria-labelledby="other-heading" className="space-y-2">
            <h2 id="other-heading" className="text-lg font-semibold">
              Other nodes
            </h2>
            <OtherNodesTable nodes={other} now={now} />
          </section>
        </>
      )}
    </div>
  );
}
