'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect } from 'react';

import { FailureDiagnosis } from '@/components/jobs/failure-diagnosis';
import { JobActions } from '@/components/jobs/job-actions';
import { ConditionsTable, ContainersTable, EventsTable, SlurmAnnotationsTable } from '@/components/jobs/job-tables';
import { JobTimeline } from '@/components/jobs/job-timeline';
import { StateBadge } from '@/components/jobs/state-badge';
import { LiveIndicator } from '@/components/live-indicator';
import { CardSection, Facts } from '@/components/ui/section';
import { ApiError } from '@/lib/api/api-error';
import type { JobDetailResponse } from '@/lib/api/job-detail';
import { useJobDetail } from '@/lib/client/use-jobs';
import { useNow } from '@/lib/format/use-now';
import { FINISHED_STATES } from '@/lib/interlink/jobs/job-state';
import { TONE } from '@/components/ui/tones';

// The log viewer (streaming reader, line buffer, virtualised lines) is not part of the page's
// first load: it is fetched alongside the job's detail, which it cannot appear before anyway.
const loadLogViewer = () => import('@/components/jobs/log-viewer').then((m) => m.LogViewer);
const LogViewer = dynamic(loadLogViewer, { ssr: false, loading: LoadingLog });

function LoadingLog() {
  return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the log viewer…</p>;
}

const CREATED_BY: Record<JobDetailResponse['detail']['createdBy'], string> = {
  offload: 'Offload',
  'oscar-api': "Offload's OSCAR API (oscar-cli or another OSCAR client)",
  oscar: 'OSCAR',
  other: 'kubectl or another client',
};

const card = 'rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950';

export function JobDetailClient({ namespace, name }: { namespace: string; name: string }) {
  const { data: job, error, live } = useJobDetail(namespace, name);
  useEffect(() => void loadLogViewer(), []);
  const now = useNow(5_000);
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/jobs" className="text-blue-700 hover:underline dark:text-blue-300">
          ← All jobs
        </Link>
      </p>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight break-all">{name}</h1>
        {job !== undefined && <StateBadge state={job.state} reason={job.reason} exitCode={job.exitCode} />}
        {job !== undefined && <LiveIndicator connection={live.connection} />}
      </div>
      {job === undefined && error === null && <p role="status">Loading the job…</p>}
      {error !== null && (
        <p role="alert" className={`rounded-lg border p-4 text-sm ${TONE.error}`}>
          {error instanceof ApiError && error.code === 'not_found'
            ? `Job ${name} is not (or no longer) in namespace ${namespace}.`
            : error.message}
        </p>
      )}
      {job !== undefined && (
        <>
          <p className="text-base" data-testid="job-reason">
            {job.reason}
          </p>
          {job.diagnosis !== null && <FailureDiagnosis diagnosis={job.diagnosis} />}
          <JobActions job={job} />
          <section className={card} aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
              Timeline
            </h2>
            <JobTimeline entries={job.detail.timeline} now={now} />
          </section>
          <section className={`${card} grid gap-5 md:grid-cols-2`} aria-label="Facts">
            <CardSection title="Job" level={3}>
              <Facts
                items={[
                  ['Namespace', job.namespace],
                  ['Service', job.service ?? '—'],
                  ['Node', job.node ?? '—'],
                  [
                    'Slurm job',
                    <span key="id" data-testid="detail-slurm-id">
                      {job.slurmJobId ?? '—'}
                    </span>,
                  ],
                  ['Exit code', job.exitCode === null ? '—' : String(job.exitCode)],
                  [
                    'Created by',
                    <span key="by" data-testid="detail-created-by">
                      {CREATED_BY[job.detail.createdBy]}
                    </span>,
                  ],
                  ['Offloaded', job.offloaded ? 'yes' : 'no, an ordinary node'],
                  ...(job.detail.cancelledBy === null
                    ? []
                    : [['Cancelled by', `${job.detail.cancelledBy} at ${job.detail.cancelledAt ?? '?'}`] as const]),
                ]}
              />
            </CardSection>
            <CardSection title="Slurm flags and mounts" level={3}>
              <SlurmAnnotationsTable annotations={job.detail.slurmAnnotations} />
            </CardSection>
          </section>
          <section className={card} aria-labelledby="log-heading">
            <h2 id="log-heading" className="mb-3 text-lg font-semibold">
              Log
            </h2>
            <LogViewer
              namespace={job.namespace}
              name={job.name}
              running={!FINISHED_STATES.has(job.state)}
              state={job.state}
              hasPod={job.podName !== null}
            />
          </section>
          {job.detail.withheld.length > 0 && (
            <p role="note" className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="detail-withheld">
              {job.detail.withheld.join(' ')}
            </p>
          )}
          <section className={card} aria-labelledby="containers-heading">
            <h2 id="containers-heading" className="mb-2 text-lg font-semibold">
              Containers
            </h2>
            <ContainersTable containers={job.detail.containers} now={now} />
          </section>
          <section className={card} aria-labelledby="conditions-heading">
            <h2 id="conditions-heading" className="mb-2 text-lg font-semibold">
              Conditions
            </h2>
            <ConditionsTable conditions={job.detail.conditions} now={now} />
          </section>
          <section className={card} aria-labelledby="events-heading">
            <h2 id="events-heading" className="mb-2 text-lg font-semibold">
              Events
            </h2>
            <EventsTable events={job.detail.events} now={now} />
          </section>
        </>
      )}
    </div>
  );
}
