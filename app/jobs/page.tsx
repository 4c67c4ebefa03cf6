import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Jobs' };

// Placeholder until the job list is wired to the cluster gateway.
export default function JobsPage() {
  return (
    <section aria-labelledby="jobs-heading">
      <h1 id="jobs-heading" className="text-2xl font-semibold tracking-tight">
        Jobs
      </h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Offloaded jobs and their Slurm state will appear here.
      </p>
    </section>
  );
}
