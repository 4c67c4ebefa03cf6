import 'server-only';

import type { CancelResponse, JobDetailResponse, JobPath } from '@/lib/api/job-detail';
import { limits } from '@/lib/http/limits';
import type { JobLogsQuery } from '@/lib/api/job-logs';
import type { JobsQuery, JobsResponse } from '@/lib/api/jobs';
import { compareJobs, isStableOrder, pageOf, queryJobs } from '@/lib/api/jobs-query';
import { buildJobDetail } from '@/lib/interlink/jobs/job-detail';
import { FINISHED_STATES } from '@/lib/interlink/jobs/job-state';
import { jobKey, podKey, type JobView } from '@/lib/interlink/jobs/job-view';
import { OFFLOAD_CANCEL_ANNOTATIONS as CANCEL } from '@/lib/interlink/model/keys';
import { currentPod } from '@/lib/interlink/jobs/pod-signals';
import { authorize, isAllowed, type Identity } from '@/lib/k8s/access';
import { Conflict, NotFound } from '@/lib/errors';
import { deleteJobObject, suspendJob } from '@/lib/k8s/job-actions';
import { podLogStream } from '@/lib/k8s/pod-logs';
import { usernameOf } from '@/lib/k8s/whoami';

import { followedLog } from './followed-log';
import { RowAccess, listEventsIn, listPodsIn, requireNamespace } from './access';
import { getLive } from '@/lib/live/live';
import { logDiagnoses } from './log-diagnosis';
import { takeStreamSlot } from '@/lib/live/stream-slots';

// The jobs API on the live job index: reads answer from the index (no API-server request
// per read beyond cached access reviews, and one log read per failed pod for its
// diagnosis); logs, cancel and delete go to the API server as the caller, so its RBAC has
// the last word.

async function syncedJobs() {
  const live = getLive();
  await live.cache.requireSynced(['nodes', 'jobs', 'pods', 'events']);
  return live.jobs;
}

export async function jobsFor(identity: Identity, query: JobsQuery): Promise<JobsResponse> {
  if (query.namespace !== undefined) await requireNamespace(identity, query.namespace);
  const feed = await syncedJobs();
  const access = new RowAccess(identity);
  const visible = await access.load(query.namespace === undefined ? namespacesOf(feed.index.list()) : [query.namespace]);
  // Synchronous from here: the rows and the revision belong together.
  const { id, rows } = feed.snapshot();
  if (!isStableOrder(query.sort)) return { ...queryJobs(filtered(rows, visible), query), revision: id };
  // The index keeps this order up to date as rows change: filter and page, no sort per read
  // (and for someone who sees every row and filters nothing, no pass over the rows either).
  const ordered = feed.index.sorted(`${query.sort}:${query.order}`, compareJobs(query.sort, query.order));
  return { ...pageOf(ordered, query, access.seesAll ? undefined : visible), revision: id };
}

/** The row of a Job, or else of a bare offloaded pod, once the caller may read it. */
export async function jobRowFor(identity: Identity, { namespace, name }: JobPath): Promise<JobView> {
  await authorize(identity, { verb: 'get', resource: 'jobs', group: 'batch', namespace });
  const feed = await syncedJobs();
  const row = feed.index.get(jobKey(namespace, name)) ?? feed.index.get(podKey(namespace, name));
  if (row === undefined) throw new NotFound(`No offloaded job ${name} in namespace ${namespace}.`);
  if (row.kind === 'Pod') await authorize(identity, { verb: 'get', resource: 'pods', namespace });
  return row;
}

/**
 * The row with its detail. The pod's status and the events come from the shared cache too,
 * so each is shown only to someone who may list them in the namespace, as the list shows a
 * bare pod's row only to who may list pods; what is left out is said in `withheld`.
 */
export async function jobDetailFor(identity: Identity, path: JobPath): Promise<JobDetailResponse> {
  const row = await jobRowFor(identity, path);
  const { namespace } = row;
  const [seesPods, seesEvents] = await Promise.all([
    isAllowed(identity, listPodsIn(namespace)),
    isAllowed(identity, listEventsIn(namespace)),
  ]);
  const sources = getLive().jobs.index.sources(row.key);
  const pods = sources?.pods ?? [];
  // Served only to who may read the pod's log (log-diagnosis.ts), which says more than its status.
  const diagnosis = await logDiagnoses().for(identity, row, currentPod(pods));
  const withheld = [
    ...(seesPods ? [] : [`The pod's containers and conditions are not shown: you may not list pods in namespace ${namespace}.`]),
    ...(seesEvents ? [] : [`Events are not shown: you may not list events in namespace ${namespace}.`]),
  ];
  const detail = buildJobDetail(row, sources?.job, seesPods ? pods : [], seesEvents ? (sources?.events ?? []) : []);
  return { ...row, detail: { ...detail, withheld }, diagnosis };
}

/**
 * The pod's log as the caller reads it. A followed log takes one of the person's log slots
 * (429 when none is left) and ends after OFFLOAD_LOG_FOLLOW_MAX_SECONDS or _BYTES, saying so
 * in a last line (followed-log.ts); the API server is asked for no more than that either.
 */
export async function jobLogsFor(identity: Identity, path: JobPath, q: JobLogsQuery, signal: AbortSignal): Promise<Response> {
  const row = await jobRowFor(identity, path);
  if (row.podName === null)
    throw new NotFound(`Job ${path.name} has no pod, so it has no log: a log exists only while the job's pod does.`);
  const { download, ...options } = q;
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    'X-Accel-Buffering': 'no',
  };
  if (download) headers['Content-Disposition'] = `attachment; filename="${row.namespace}-${row.name}.log"`;
  if (!options.follow) return new Response(await podLogStream(identity, row.namespace, row.podName, options, signal), { headers });
  const release = takeStreamSlot(identity, 'logs');
  try {
    const { logFollowBytes: maxBytes, logFollowSeconds: maxSeconds } = limits();
    // One byte more than is sent, so that followedLog can tell a log cut off from one that ended
    // there. The API server refuses limitBytes beside tailLines (log-diagnosis.ts); followedLog
    // counts either way.
    const upstream =
      options.tailLines === undefined ? { ...options, limitBytes: Math.min(options.limitBytes ?? Infinity, maxBytes + 1) } : options;
    const body = await podLogStream(identity, row.namespace, row.podName, upstream, signal);
    return new Response(followedLog(body, { maxBytes, maxSeconds, onEnd: release }), { headers });
  } catch (err) {
    release();
    throw err;
  }
}

export async function cancelJobFor(identity: Identity, { namespace, name }: JobPath): Promise<CancelResponse> {
  await authorize(identity, { verb: 'patch', resource: 'jobs', group: 'batch', namespace });
  const row = (await syncedJobs()).index.get(jobKey(namespace, name));
  if (row !== undefined && FINISHED_STATES.has(row.state))
    throw new Conflict(`Job ${name} has already finished (${row.state}); there is nothing to cancel.`);
  const cancelledBy = await usernameOf(identity);
  const cancelledAt = new Date().toISOString();
  const known = {
    ...(row?.slurmJobId ? { [CANCEL.slurmJobId]: row.slurmJobId } : {}),
    ...(row?.startedAt ? { [CANCEL.startedAt]: row.startedAt } : {}),
  };
  await suspendJob(identity, namespace, name, { ...known, [CANCEL.by]: cancelledBy, [CANCEL.at]: cancelledAt });
  return { namespace, name, cancelledBy, cancelledAt };
}

export async function deleteJobFor(
  identity: Identity,
  { namespace, name }: JobPath,
): Promise<{ namespace: string; name: string; deleted: true }> {
  await deleteJobObject(identity, namespace, name);
  return { namespace, name, deleted: true };
}

function* namespacesOf(rows: Iterable<JobView>): Iterable<string> {
  for (const r of rows) yield r.namespace;
}

function* filtered(rows: Iterable<JobView>, keep: (row: JobView) => boolean): Iterable<JobView> {
  for (const r of rows) if (keep(r)) yield r;
}
