import 'server-only';

import type { JobScope } from '@/lib/api/events-query';
import { jobSnapshotJson } from '@/lib/api/jobs-json';
import { limits } from '@/lib/http/limits';
import type { WatchEvent } from '@/lib/api/watch-events';
import type { Identity } from '@/lib/k8s/access';
import { isKubeError } from '@/lib/errors';
import { errorText, log } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';

import type { BusMessage } from './bus';
import { getLive } from './live';
import { encodeSse, encodeSseJson, sseComment } from './sse';
import { takeStreamSlot } from './stream-slots';
import { streamSource, type StreamKind } from './stream-sources';

// GET /api/events: one SSE stream per client, fed from the process's bus, never from the
// API server. A client first gets a SNAPSHOT per kind, then every later message; snapshot
// and subscription happen in one synchronous step, so nothing falls between them and
// nothing is sent twice. A reconnect (here or to another replica) simply starts over.
// Each person may hold OFFLOAD_STREAMS_PER_PERSON streams (stream-slots.ts); a client that
// does not read is dropped once more than its snapshot plus a backlog of bytes is queued.

/** Comment lines this often keep proxies from closing a quiet stream; tests shorten it. */
const HEARTBEAT_MS = Number(process.env.OFFLOAD_SSE_HEARTBEAT_MS) || 15_000;
/** Permissions are re-checked this often (answers are cached for 30 s anyway). */
const REAUTHORIZE_EVERY_HEARTBEATS = 4;

export async function openEventStream(
  identity: Identity,
  kinds: readonly StreamKind[],
  signal: AbortSignal,
  job?: JobScope,
): Promise<Response> {
  // Refuse before the stream starts, so refusals are JSON answers with a status code.
  const sources = new Map(
    (await Promise.all([...new Set(kinds)].map((k) => streamSource(identity, k, job)))).map((s) => [s.kind as string, s]),
  );
  const live = getLive();
  const encoder = new TextEncoder();
  const m = metrics();
  const release = takeStreamSlot(identity, 'events');
  let cleanup = release;

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        /** Bytes the client may leave unread: the snapshot, then the backlog (set once the snapshot is queued). */
        let allowance = Infinity;
        const queued = () => -(controller.desiredSize ?? 0);
        /** `drop`: end with an error, which also discards what is queued (a closed stream would keep it for a reader that never comes). */
        const close = (why: string, drop = false) => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            if (drop) controller.error(new Error(why));
            else controller.close();
          } catch {
            // Already closed by the client going away.
          }
          log.debug('sse client closed', { why });
        };
        const write = (text: string, type: string) => {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          m.sseMessages.inc({ type });
          if (queued() > allowance) {
            m.sseDropped.inc();
            close('too far behind', true);
          }
        };
        const onMessage = (message: BusMessage) => {
          if (message.event === 'status') return write(encodeSse({ event: 'status', data: message.data }), 'status');
          sources
            .get(message.data.kind)
            ?.route(message.data, (event: WatchEvent<unknown>) => write(encodeSse({ id: event.id, data: event }), event.type));
        };

        write('retry: 2000\n\n', 'retry');
        write(encodeSse({ event: 'status', data: live.status() }), 'status');
        // Snapshot and subscribe in one synchronous step: no message can fall in between.
        for (const source of sources.values()) {
          const snapshot = source.snapshot();
          // Job rows reuse their JSON (written once per row version), not serialised per client.
          write(
            snapshot.kind === 'job'
              ? encodeSseJson(snapshot.id, jobSnapshotJson(snapshot as { id: number; items: readonly object[] }))
              : encodeSse({ id: snapshot.id, data: snapshot }),
            'SNAPSHOT',
          );
        }
        allowance = queued() + limits().streamBacklogBytes;
        const unsubscribe = live.bus.subscribe(onMessage);
        let beats = 0;
        const heartbeat = setInterval(() => {
          write(sseComment('keep-alive'), 'heartbeat');
          if (++beats % REAUTHORIZE_EVERY_HEARTBEATS === 0) {
            Promise.all([...sources.values()].map((s) => s.reauthorize())).catch((err: unknown) => {
              // Only a verdict ends the stream; a review that could not be made (API server slow
              // or away) is asked again at the next round rather than dropping every client.
              if (isKubeError(err) && (err.code === 'forbidden' || err.code === 'unauthorized'))
                close(`no longer authorized: ${errorText(err)}`);
              else log.warn('a live stream could not re-check its grants; asking again later', { err: errorText(err) });
            });
          }
        }, HEARTBEAT_MS);
        const onAbort = () => close('client went away');
        signal.addEventListener('abort', onAbort, { once: true });
        m.sseClients.inc({}, 1);
        cleanup = () => {
          unsubscribe();
          clearInterval(heartbeat);
          signal.removeEventListener('abort', onAbort);
          m.sseClients.inc({}, -1);
          release();
          cleanup = () => {};
        };
      },
      cancel() {
        cleanup();
      },
      // Counted in bytes (highWaterMark 0: nothing is buffered ahead), so desiredSize is minus what the client has not read.
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps compression (which would buffer) off the stream.
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
