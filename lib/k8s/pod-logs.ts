import 'server-only';

import type { Identity } from './access';
import { connectionFor } from './access';
import { send } from './http';

// A pod's log from the API server, which proxies it through the virtual kubelet to interLink
// (interLink pkg/virtualkubelet/virtualkubelet.go, GetLogs), as the caller, streamed through unread. With `follow` the upstream request
// lasts until the job ends or `signal` aborts (the browser went away). `podLogText` reads at
// most a given number of bytes of it into a string, also as the caller (the failure diagnosis).

export interface PodLogOptions {
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  container?: string;
}

export async function podLogStream(
  identity: Identity,
  namespace: string,
  pod: string,
  o: PodLogOptions,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const query = new URLSearchParams();
  if (o.follow) query.set('follow', 'true');
  if (o.timestamps) query.set('timestamps', 'true');
  for (const key of ['tailLines', 'limitBytes', 'sinceSeconds', 'sinceTime', 'container'] as const) {
    const v = o[key];
    if (v !== undefined) query.set(key, String(v));
  }
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${query}`;
  // No whole-request timeout: a followed or large log ends with the job, the data or the client.
  const response = await send(connectionFor(identity), path, { signal, accept: 'text/plain, */*', timeoutMs: null });
  return (response.body as ReadableStream<Uint8Array> | null) ?? new ReadableStream({ start: (c) => c.close() });
}

/**
 * At most `limitBytes` of a finished pod's log, as text, read once (not followed). Which bytes
 * the provider keeps is its own choice (the Slurm plugin answers with the last ones); reading
 * stops at the limit even if the answer runs on.
 */
export async function podLogText(
  identity: Identity,
  namespace: string,
  pod: string,
  o: { limitBytes: number; container?: string },
  signal: AbortSignal,
): Promise<string> {
  const stream = await podLogStream(
    identity,
    namespace,
    pod,
    { follow: false, timestamps: false, limitBytes: o.limitBytes, container: o.container },
    signal,
  );
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < o.limitBytes) {
      const chunk = await reader.read();
      if (chunk.done) break;
      bytes += chunk.value.byteLength;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text + decoder.decode();
}
