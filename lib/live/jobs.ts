import 'server-only';

import type { CancelResponse, JobDetailResponse, JobPath } from '@/lib/api/job-detail';
import type { JobLogsQuery } from '@/lib/api/job-logs';
import type { JobsQuery, JobsResponse } from '@/lib/api/jobs';
import { compareJobs, isStableOrder, pageOf, queryJobs } from '@/lib/api/jobs-query';
import { buildJobDetail } from '@/lib/interlink/job-detail';
import { FINISHED_STATES } from '@/lib/interlink/job-state';
import { jobKey, podKey, type JobView } from '@/lib/interlink/job-view';
import { OFFLOAD_CANCEL_ANNOTATIONS as CANCEL } from '@/lib/interlink/keys';
import { currentPod } from '@/lib/interlink/pod-signals';
import { authorize, type Identity } from '@/lib/k8s/access';
import { Conflict, NotFound } from '@/lib/k8s/errors';
import { deleteJobObject, suspendJob } from '@/lib/k8s/job-actions';
import { podLogStream } from '@/lib/k8s/pod-logs';
import { usernameOf } from '@/lib/k8s/whoami';

import { RowAccess, requireNamespace } from './job-access';
import { getLive } from './live';
import { logDiagnoses } from './log-diagnosis';

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

export async function jobDetailFor(identity: Identity, path: JobPath): Promise<JobDetailResponse> {
  const row = await jobRowFor(identity, path);
  const sources = getLive().jobs.index.sources(row.key);
  const pods = sources?.pods ?? [];
  const diagnosis = await logDiagnoses().for(identity, row, currentPod(pods));
  return { ...row, detail: buildJobDetail(row, sources?.job, pods, sources?.events ?? []), diagnosis };
}

export async function jobLogsFor(identity: Identity, path: JobPath, q: JobLogsQuery, signal: AbortSignal): Promise<Response> {
  const row = await jobRowFor(identity, path);
  if (row.podName === null) throw new NotFound(`Job ${path.name} has no pod, so it has no log: a log exists only while the job's pod does.`);
  const { download, ...options } = q;
  const body = await podLogStream(identity, row.namespace, row.podName, options, signal);
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' };
  if (download) headers['Content-Disposition'] = `attachment; filename="${row.namespace}-${row.name}.log"`;
  return new Response(body, { headers });
}

export async function cancelJobFor(identity: Identity, { namespace, name }: JobPath): Promise<CancelResponse> {
  await authorize(identity, { verb: 'patch', resource: 'jobs', group: 'batch', namespace });
  const row = (await syncedJobs()).index.get(jobKey(namespace, name));
  if (row !== undefined && FINISHED_STATES.has(row.state)) throw new Conflict(`Job ${name} has already finished (${row.state}); there is nothing to cancel.`);
  const cancelledBy = await usernameOf(identity);
  const cancelledAt = new Date().toISOString();
  const known = { ...(row?.slurmJobId ? { [CANCEL.slurmJobId]: row.slurmJobId } : {}), ...(row?.startedAt ? { [CANCEL.startedAt]: row.startedAt } : {}) };
  await suspendJob(identity, namespace, name, { ...known, [CANCEL.by]: cancelledBy, [CANCEL.at]: cancelledAt });
  return { namespace, name, cancelledBy, cancelledAt };
}

export async function deleteJobFor(identity: Identity, { namespace, name }: JobPath): Promise<{ namespace: string; name: string; deleted: true }> {
  await deleteJobObject(identity, namespace, name);
  return { namespace, name, deleted: true };
}

function* namespacesOf(rows: Iterable<JobView>): Iterable<string> {
  for (const r of rows) yield r.namespace;
}

function* filtered(rows: Iterable<JobView>, keep: (row: JobView) => boolean): Iterable<JobView> {
  for (const r of rows) if (keep(r)) yield r;
}
