import 'server-only';

import type { EVENT_STREAM_KINDS, JobScope } from '@/lib/api/events-query';
import type { NodeView } from '@/lib/api/nodes';
import type { SnapshotMessage, WatchEvent } from '@/lib/api/watch-events';
import { jobKey, podKey, type JobView } from '@/lib/interlink/jobs/job-view';
import { LIST_NODES, authorize, type Identity } from '@/lib/k8s/access';

import { RowAccess } from '../jobs/access';
import { getLive } from './live';
import { mayCountJobs, nodeRedaction } from '../nodes/nodes';

// What one SSE client may see of each kind: its snapshot, and which later messages reach
// it (and in what form). Permission is settled before the stream starts, so refusals are
// JSON answers with a status code.

export type StreamKind = (typeof EVENT_STREAM_KINDS)[number];

export interface StreamSource {
  kind: StreamKind;
  /** Taken in the same synchronous step as the bus subscription. */
  snapshot(): SnapshotMessage<unknown>;
  /** Passes the message to `send` now, later (once a permission check answers) or never. */
  route(event: WatchEvent<unknown>, send: (event: WatchEvent<unknown>) => void): void;
  /** Rejects when the client may no longer read this kind at all. */
  reauthorize(): Promise<void>;
}

export async function streamSource(identity: Identity, kind: StreamKind, job?: JobScope): Promise<StreamSource> {
  return kind === 'node' ? nodeSource(identity) : jobSource(identity, job);
}

async function nodeSource(identity: Identity): Promise<StreamSource> {
  await authorize(identity, LIST_NODES);
  const live = getLive();
  await live.cache.requireSynced(['nodes']);
  const redact = nodeRedaction(await mayCountJobs(identity));
  return {
    kind: 'node',
    snapshot: () => {
      const { id, items } = live.nodes.snapshot();
      return { kind: 'node', type: 'SNAPSHOT', id, items: items.map(redact) };
    },
    route: (event, send) => send({ ...event, object: redact(event.object as NodeView) }),
    reauthorize: () => authorize(identity, LIST_NODES),
  };
}

async function jobSource(identity: Identity, scope?: JobScope): Promise<StreamSource> {
  const live = getLive();
  await live.cache.requireSynced(['nodes', 'jobs', 'pods', 'events']);
  const access = new RowAccess(identity);
  const namespaces = new Set<string>();
  if (scope !== undefined) namespaces.add(scope.namespace);
  else for (const row of live.jobs.index.list()) namespaces.add(row.namespace);
  const visible = await access.load(namespaces);
  // A stream for one job (a detail page): its row (a Job's, or a bare pod's) and nothing else.
  const inScope = (row: JobView) => scope === undefined || (row.namespace === scope.namespace && row.name === scope.name);
  // Messages of a namespace not checked yet wait for its verdict, in order.
  const waiting = new Map<string, WatchEvent<unknown>[]>();
  return {
    kind: 'job',
    snapshot: () => {
      const { id, rows } = live.jobs.snapshot();
      const scoped =
        scope === undefined
          ? rows
          : [jobKey(scope.namespace, scope.name), podKey(scope.namespace, scope.name)].flatMap((k) => live.jobs.index.get(k) ?? []);
      const items: JobView[] = [];
      for (const r of scoped) if (visible(r)) items.push(r);
      return { kind: 'job', type: 'SNAPSHOT', id, items };
    },
    route: (event, send) => {
      const row = event.object as JobView;
      if (!inScope(row)) return;
      if (access.knows(row.namespace)) {
        if (visible(row)) send(event);
        return;
      }
      const queue = waiting.get(row.namespace);
      if (queue !== undefined) return void queue.push(event);
      waiting.set(row.namespace, [event]);
      void access.check(row.namespace).then(
        () => flush(row.namespace),
        () => waiting.delete(row.namespace),
      );
      function flush(ns: string) {
        for (const e of waiting.get(ns) ?? []) if (visible(e.object as JobView)) send(e);
        waiting.delete(ns);
      }
    },
    // Every verdict given to this stream is asked again (the access cache keeps answers 30 s):
    // a revoked grant or an expired sign-in closes the stream; the browser reconnects afresh.
    reauthorize: () => access.recheck(),
  };
}
