import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Nodes' };

// Placeholder until the node overview is wired to the cluster gateway.
export default function NodesPage() {
  return (
    <section aria-labelledby="nodes-heading">
      <h1 id="nodes-heading" className="text-2xl font-semibold tracking-tight">
        Nodes
      </h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        interLink virtual nodes and their health will appear here.
      </p>
    </section>
  );
}
