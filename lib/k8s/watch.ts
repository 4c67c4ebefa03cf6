import 'server-only';

import type { Connection } from './config';
import { errorFromNetwork, errorFromStatus, isKubeError } from '@/lib/errors';
import { send } from './http';

// One watch request: streams the API server's newline-delimited watch events to
// `onEvent` until the server ends the stream (its timeoutSeconds), the signal aborts, or
// nothing arrives for longer than the server could stay silent (a dead connection).

/** A watch event; ERROR events never get here, they are thrown as typed errors. */
export interface RawWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: unknown;
}

export interface WatchOptions {
  resourceVersion: string;
  timeoutSeconds: number;
  signal: AbortSignal;
  /** Called once the API server has accepted the watch. */
  onOpen?: () => void;
}

/** Resolves when the server closes the stream normally; rejects with a typed error otherwise. */
export async function watchOnce(conn: Connection, path: string, options: WatchOptions, onEvent: (e: RawWatchEvent) => void): Promise<void> {
  const query = new URLSearchParams({
    watch: '1',
    resourceVersion: options.resourceVersion,
    allowWatchBookmarks: 'true',
    timeoutSeconds: String(options.timeoutSeconds),
  });
  const idle = new AbortController();
  const signal = AbortSignal.any([options.signal, idle.signal]);
  // Bookmarks and heartbeats keep a live stream busy well within a minute past the timeout.
  const idleMs = (options.timeoutSeconds + 60) * 1000;
  let timer = setTimeout(() => idle.abort(), idleMs);
  try {
    const response = await send(conn, `${path}?${query}`, { signal, timeoutMs: null });
    options.onOpen?.();
    if (response.body === null) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), idleMs);
      buffer += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line !== '') onEvent(parseEvent(line));
      }
    }
  } catch (err) {
    if (options.signal.aborted) return;
    if (isKubeError(err)) throw err;
    throw errorFromNetwork(conn.server, idle.signal.aborted ? Object.assign(new Error('no data'), { name: 'TimeoutError' }) : err);
  } finally {
    clearTimeout(timer);
  }
}

function parseEvent(line: string): RawWatchEvent {
  const data = JSON.parse(line) as RawWatchEvent | { type: 'ERROR'; object: unknown };
  // An ERROR event carries a Status; 410 means our resourceVersion is too old.
  if (data.type === 'ERROR') {
    const status = data.object as { code?: number } | null;
    throw errorFromStatus(status?.code ?? 500, status);
  }
  return data;
}
