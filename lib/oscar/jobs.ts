import 'server-only';

import { JobsQuerySchema } from '@/lib/api/jobs';
import { base64Encode } from '@/lib/interlink/model/base64';
import { CONTAINER_NAME } from '@/lib/interlink/jobs/job-builder';
import { FINISHED_STATES } from '@/lib/interlink/jobs/job-state';
import type { JobView } from '@/lib/interlink/jobs/job-view';
import { CREATED_VIA_OSCAR_API } from '@/lib/interlink/model/keys';
import { currentPod } from '@/lib/interlink/jobs/pod-signals';
import { NotFound, isKubeError } from '@/lib/errors';
import { podLogText } from '@/lib/k8s/pod-logs';
import { deleteJobFor, jobLogsFor, jobRowFor, jobsFor } from '@/lib/jobs/jobs';
import { getLive } from '@/lib/live/live';
import { runService } from '@/lib/services/run';

import { readBody } from './body';
import type { OscarCaller } from './caller';
import { inputOf } from './event';
import { jobsPage, type OscarJobsPage } from './job-info';
import { OscarError } from './respond';
import { serviceName } from './services';

// A service's jobs in OSCAR's terms (/job, /run, /system/logs), on Offload's run path
// (lib/services/run.ts builds the Job with lib/interlink/jobs/job-builder.ts and creates it as the
// caller) and its job index (lib/jobs/jobs.ts, authorized per caller as GET /api/jobs is).
// A service's jobs are the Jobs labelled `oscar_service=<service>`, whoever made them, as
// in OSCAR: Offload's own runs, and OSCAR's.

/** Base64 of 96 KiB of input (the most a job's EVENT holds), and room. */
const EVENT_MAX_BYTES = 256 * 1024;
/** How long POST /run waits for its job; oscar-cli gives up after 300 s (pkg/service/service.go). */
export const RUN_WAIT_MS = 240_000;
const RUN_LOG_MAX_BYTES = 4 * 1024 * 1024;

export async function startOscarJob(caller: OscarCaller, service: string, request: Request): Promise<{ namespace: string; name: string }> {
  const input = inputOf(await readBody(request, EVENT_MAX_BYTES));
  return runService(caller.identity, caller.namespace, serviceName(caller, service), input, CREATED_VIA_OSCAR_API);
}

/**
 * POST /run: OSCAR answers a synchronous run with the script's output, from a Knative
 * service kept warm. Offload has none, so it runs a job, waits at most RUN_WAIT_MS for it to
 * end and answers with its log, Base64-encoded (oscar-cli decodes it: exactly the log).
 */
export async function runOscarSync(caller: OscarCaller, service: string, request: Request): Promise<string> {
  const { name } = await startOscarJob(caller, service, request);
  const row = await finished(caller, name, request.signal);
  const follow = `oscar-cli service logs get ${service} ${name}`;
  if (row === null)
    throw new OscarError(504, `Job ${name} has not finished after ${RUN_WAIT_MS / 1000} s; it keeps running: follow it with ${follow}.`);
  const log =
    row.podName === null
      ? ''
      : await podLogText(
          caller.identity,
          row.namespace,
          row.podName,
          { limitBytes: RUN_LOG_MAX_BYTES, container: containerOf(row) },
          request.signal,
        );
  if (row.state !== 'Succeeded') throw new OscarError(500, `Job ${name} ended ${row.state}: ${row.reason}\n${log}`);
  return base64Encode(new TextEncoder().encode(log));
}

/** The job's row once it has ended, read as the caller may read it; null when the wait is over first. */
async function finished(caller: OscarCaller, name: string, signal: AbortSignal): Promise<JobView | null> {
  const deadline = Date.now() + RUN_WAIT_MS;
  while (Date.now() < deadline && !signal.aborted) {
    const row = await jobRowFor(caller.identity, { namespace: caller.namespace, name }).catch((err: unknown) => {
      // Not in the job index yet: the watch brings it within moments.
      if (isKubeError(err) && err.code === 'not_found') return undefined;
      throw err;
    });
    if (row !== undefined && FINISHED_STATES.has(row.state)) return row;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return null;
}

/** The service's Jobs, newest first, as the caller may list them (403 where they may not). */
async function serviceJobs(caller: OscarCaller, service: string): Promise<JobView[]> {
  const query = JobsQuerySchema.parse({ namespace: caller.namespace, service: serviceName(caller, service), limit: '0' });
  return (await jobsFor(caller.identity, query)).jobs.filter((r) => r.kind === 'Job');
}

export async function listOscarJobs(caller: OscarCaller, service: string, page: string | null): Promise<OscarJobsPage> {
  return jobsPage(await serviceJobs(caller, service), page ?? undefined);
}

/** One of the service's Jobs; 404 when the Job belongs to no such service, as in OSCAR. */
async function serviceJob(caller: OscarCaller, service: string, job: string): Promise<JobView> {
  const row = await jobRowFor(caller.identity, { namespace: caller.namespace, name: job });
  if (row.kind !== 'Job' || row.service !== serviceName(caller, service))
    throw new NotFound(`Job ${job} is not a job of service ${service}.`);
  return row;
}

/** OSCAR reads the log of its `oscar-container`; a Job made by another client may name its container otherwise. */
function containerOf(row: JobView): string | undefined {
  const pod = currentPod(getLive().jobs.index.sources(row.key)?.pods ?? []);
  return pod?.spec?.containers?.some((c) => c.name === CONTAINER_NAME) ? CONTAINER_NAME : undefined;
}

export async function oscarJobLog(
  caller: OscarCaller,
  service: string,
  job: string,
  timestamps: boolean,
  signal: AbortSignal,
): Promise<Response> {
  const row = await serviceJob(caller, service, job);
  const container = containerOf(row);
  return jobLogsFor(
    caller.identity,
    { namespace: row.namespace, name: row.name },
    { follow: false, timestamps, download: false, ...(container && { container }) },
    signal,
  );
}

export async function deleteOscarJob(caller: OscarCaller, service: string, job: string): Promise<void> {
  const row = await serviceJob(caller, service, job);
  await deleteJobFor(caller.identity, { namespace: row.namespace, name: row.name });
}

/** The service's succeeded Jobs (OSCAR: `status.successful != 0`), or all of them. */
export async function deleteOscarJobs(caller: OscarCaller, service: string, all: boolean): Promise<void> {
  const rows = (await serviceJobs(caller, service)).filter((r) => all || r.state === 'Succeeded');
  for (const row of rows) await deleteJobFor(caller.identity, { namespace: row.namespace, name: row.name });
}
