// Event-stream clients that behave like the browser's EventSource: connect, read, and on any
// end or failure reconnect after a pause (the server starts every connection with a
// SNAPSHOT). Every connection attempt and its outcome is recorded with its time, so the
// report can tell failures during a fault (expected, when they recover) from failures outside.

import { readSse } from '../../scripts/lib/sse-client.ts';

export interface StreamRecord {
  at: number;
  client: number;
  what: 'open' | 'refused' | 'failed' | 'ended';
  detail: string;
}

export interface JobMessage {
  at: number;
  key: string;
  state: string;
}

export interface StreamClients {
  records: StreamRecord[];
  /** Messages received in total, all clients. */
  messages: () => number;
  /** Clients whose last connection is open. */
  open: () => number;
  close: () => void;
}

export interface ClientSpec {
  headers: Record<string, string>;
  /** Receives `job` messages (ADDED/MODIFIED) with their arrival time; for the push-latency monitor. */
  onJob?: (m: JobMessage) => void;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/** `rampMs`: clients start this far apart, as people open their pages, not all in one instant. */
export function startStreamClients(url: () => string, specs: readonly ClientSpec[], rampMs = 0): StreamClients {
  const records: StreamRecord[] = [];
  const aborts: AbortController[] = [];
  const isOpen: boolean[] = specs.map(() => false);
  let messages = 0;
  let closed = false;
  const record = (client: number, what: StreamRecord['what'], detail: string) => records.push({ at: Date.now(), client, what, detail });

  const runClient = async (index: number, spec: ClientSpec) => {
    let failures = 0;
    while (!closed) {
      const abort = new AbortController();
      aborts[index] = abort;
      try {
        const response = await fetch(`${url()}/api/events?kinds=node,job`, {
          headers: { Accept: 'text/event-stream', ...spec.headers },
          signal: abort.signal,
        });
        if (response.status !== 200 || response.body === null) {
          record(index, 'refused', `${response.status} ${(await response.text()).slice(0, 200)}`);
        } else {
          record(index, 'open', '');
          isOpen[index] = true;
          failures = 0;
          await readSse(response.body, (message) => {
            if (message === null) return;
            messages++;
            if (spec.onJob === undefined || message.event !== 'message') return;
            const m = JSON.parse(message.data) as { kind?: string; type?: string; key?: string; object?: { state?: string } };
            if (m.kind === 'job' && (m.type === 'ADDED' || m.type === 'MODIFIED') && m.key !== undefined)
              spec.onJob({ at: Date.now(), key: m.key, state: m.object?.state ?? '' });
          });
          isOpen[index] = false;
          if (!closed) record(index, 'ended', 'the server ended the stream');
        }
      } catch (err) {
        isOpen[index] = false;
        if (closed) return;
        record(
          index,
          'failed',
          err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err),
        );
      }
      if (closed) return;
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]));
    }
  };
  specs.forEach((spec, i) => void setTimeout(() => void runClient(i, spec), i * rampMs));
  return {
    records,
    messages: () => messages,
    open: () => isOpen.filter(Boolean).length,
    close: () => {
      closed = true;
      for (const a of aborts) a?.abort();
    },
  };
}
