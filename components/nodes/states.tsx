import type { ApiError } from '@/lib/api/error-body';
import { count } from '@/lib/format/plural';
import { TONE } from '@/components/ui/tones';

// Empty and error states that say what happened and what was looked for.

const box = 'rounded-lg border p-4';

export function LoadingState() {
  return (
    <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
      Loading nodes from the cluster…
    </p>
  );
}

const TITLES: Partial<Record<ApiError['code'], string>> = {
  unauthorized: 'Your credentials were not accepted',
  forbidden: 'Not allowed to list nodes',
  unavailable: 'Cluster unreachable',
};

export function ErrorState({ error }: { error: ApiError }) {
  const title = TITLES[error.code] ?? 'The nodes could not be loaded';
  return (
    <div
      role="alert"
      className={`${box} border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100`}
      data-testid="nodes-error"
    >
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{error.message}</p>
      <p className="mt-2 text-xs">Trying again every few seconds.</p>
    </div>
  );
}

export function NoVirtualNodes({ lookedFor, otherCount }: { lookedFor: readonly string[]; otherCount: number }) {
  return (
    <div className={`${box} ${TONE.warn}`} data-testid="nodes-empty">
      <h2 className="font-semibold">No interLink virtual nodes found</h2>
      <p className="mt-1 text-sm">
        Looked for nodes labelled{' '}
        {lookedFor.map((l, i) => (
          <span key={l}>
            {i > 0 && ' or '}
            <code className="font-mono">{l}</code>
          </span>
        ))}
        , leaving out control-plane nodes.{' '}
        {otherCount === 0 ? 'The cluster has no nodes at all.' : `The cluster has ${count(otherCount, 'other node')}, listed below.`}
      </p>
    </div>
  );
}

export function ClusterBanner({ reason }: { reason: string | null }) {
  return (
    <p role="alert" className={`${box} text-sm ${TONE.warn}`}>
      <strong>Connection to the cluster lost; showing the last known state.</strong> {reason}
    </p>
  );
}
