// A minimal server-sent events reader over fetch, for tests and checks.

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
  /** Date.now() when the message's last line arrived. */
  receivedAt: number;
}

export interface SseConnection {
  status: number;
  /** Resolves with the next message matching `predicate`, or rejects after `timeoutMs`. */
  next: (predicate?: (m: SseMessage) => boolean, timeoutMs?: number) => Promise<SseMessage>;
  /** Comment lines (heartbeats) received so far. */
  comments: () => number;
  close: () => void;
}

export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const queue: SseMessage[] = [];
  const waiters: Array<() => void> = [];
  let comments = 0;
  let ended = false;
  void (async () => {
    if (response.body === null) return;
    try {
      await readSse(response.body, (message, blockComments) => {
        comments += blockComments;
        if (message !== null) queue.push(message);
        waiters.splice(0).forEach((w) => w());
      });
    } catch {
      // Closed by close().
    }
    ended = true;
    waiters.splice(0).forEach((w) => w());
  })();

  const next = async (predicate: (m: SseMessage) => boolean = () => true, timeoutMs = 10_000): Promise<SseMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = queue.findIndex(predicate);
      if (index >= 0) return queue.splice(0, index + 1)[index] as SseMessage;
      if (ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  return { status: response.status, next, comments: () => comments, close: () => abort.abort() };
}

/** Reads a server-sent event stream to its end: each block's message (null for comments only) and its comment count. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onBlock: (message: SseMessage | null, comments: number) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: SseMessage = { event: 'message', data: '', receivedAt: Date.now() };
      let any = false;
      let comments = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments++;
        else if (line.startsWith('id: ')) message.id = line.slice(4);
        else if (line.startsWith('event: ')) message.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          message.data += line.slice(6);
          any = true;
        }
      }
      onBlock(any ? message : null, comments);
    }
  }
}
