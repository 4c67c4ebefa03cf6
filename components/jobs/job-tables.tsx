import type { ReactNode } from 'react';

import type { JobDetailResponse } from '@/lib/api/job-detail';
import { formatClock } from '@/lib/format/time';

// The detail's tables: pod and Job conditions, events, Slurm annotations, containers.

type Detail = JobDetailResponse['detail'];

function Table({ caption, head, rows, empty }: { caption: string; head: readonly string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-zinc-600 uppercase dark:text-zinc-400">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="py-1 pr-3 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              {cells.map((c, j) => (
                <td key={j} className="py-1 pr-3 break-words">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const time = (at: string | null, now: number) => (at === null ? '—' : formatClock(at, now));

export function ConditionsTable({ conditions, now }: { conditions: Detail['conditions']; now: number }) {
  const rows = conditions.map((c) => [`${c.of} ${c.type}`, c.status, c.reason ?? '—', c.message ?? '—', time(c.lastTransition, now)]);
  return (
    <Table
      caption="Conditions"
      head={['Condition', 'Status', 'Reason', 'Message', 'Since']}
      rows={rows}
      empty="No conditions reported yet."
    />
  );
}

export function EventsTable({ events, now }: { events: Detail['events']; now: number }) {
  const rows = events.map((e) => [
    time(e.at, now),
    e.object,
    e.type ?? '—',
    e.reason ?? '—',
    `${e.message ?? ''}${e.count > 1 ? ` (×${e.count})` : ''}`,
  ]);
  return (
    <Table
      caption="Events"
      head={['When', 'Object', 'Type', 'Reason', 'Message']}
      rows={rows}
      empty="No events kept for this job (Kubernetes keeps them about an hour)."
    />
  );
}

export function SlurmAnnotationsTable({ annotations }: { annotations: Detail['slurmAnnotations'] }) {
  const rows = annotations.map((a) => [
    <code key="k">{a.key}</code>,
    <code key="v" className="whitespace-pre-wrap">
      {a.value}
    </code>,
  ]);
  return (
    <Table
      caption="Slurm flags and mounts"
      head={['Annotation', 'Value']}
      rows={rows}
      empty="No Slurm annotations: the plugin used its defaults."
    />
  );
}

export function ContainersTable({ containers, now }: { containers: Detail['containers']; now: number }) {
  const rows = containers.map((c) => [
    c.name,
    c.state,
    c.exitCode === null ? '—' : String(c.exitCode),
    [c.reason, c.message].filter(Boolean).join(': ') || '—',
    time(c.startedAt, now),
    time(c.finishedAt, now),
  ]);
  return (
    <Table
      caption="Containers"
      head={['Container', 'State', 'Exit code', 'Reason', 'Started', 'Finished']}
      rows={rows}
      empty="No container status yet."
    />
  );
}
