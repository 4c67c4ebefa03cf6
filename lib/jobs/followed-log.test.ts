import { describe, expect, it } from 'vitest';

import { BYTES_NOTE, TIME_NOTE, followedLog } from './followed-log';

const encoder = new TextEncoder();

/** An upstream that sends these chunks, then stays open until cancelled (a followed log of a running job). */
function upstream(chunks: string[]): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text + decoder.decode();
}

describe('followedLog', () => {
  it('ends after the byte limit at a line boundary, says so, and ends the upstream request', async () => {
    const up = upstream(['line 1\nline 2\n', 'line 3\nline 4 is long\n']);
    let ended = 0;
    const text = await readAll(followedLog(up.stream, { maxBytes: 25, maxSeconds: 60, onEnd: () => ended++ }));
    expect(text).toBe(`line 1\nline 2\nline 3\n${BYTES_NOTE(25)}`);
    expect(up.cancelled()).toBe(true);
    expect(ended).toBe(1);
  });

  it('never splits a character when a single line is longer than the limit', async () => {
    // "ééé" is six bytes; five fit, which would cut the third é in half.
    const text = await readAll(followedLog(upstream(['ééé']).stream, { maxBytes: 5, maxSeconds: 60, onEnd: () => undefined }));
    expect(text).toBe(`éé\n${BYTES_NOTE(5)}`);
  });

  it('ends after the time limit on a line of its own', async () => {
    const up = upstream(['partial line without newline']);
    let ended = 0;
    const text = await readAll(followedLog(up.stream, { maxBytes: 1_000, maxSeconds: 0.05, onEnd: () => ended++ }));
    expect(text).toBe(`partial line without newline\n${TIME_NOTE(0.05)}`);
    expect(TIME_NOTE(3_600)).toContain('after 60 minutes');
    expect(up.cancelled()).toBe(true);
    expect(ended).toBe(1);
  });

  it('passes a log that ends by itself through untouched, and gives the slot back once when the client leaves', async () => {
    const done = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(encoder.encode('all\n')), c.close()) });
    let ended = 0;
    expect(await readAll(followedLog(done, { maxBytes: 1_000, maxSeconds: 60, onEnd: () => ended++ }))).toBe('all\n');
    expect(ended).toBe(1);
    const up = upstream(['a\n']);
    const reader = followedLog(up.stream, { maxBytes: 1_000, maxSeconds: 60, onEnd: () => ended++ }).getReader();
    await reader.read();
    await reader.cancel();
    await reader.cancel();
    expect(ended).toBe(2);
    expect(up.cancelled()).toBe(true);
  });
});

describe('a followed log whose source breaks', () => {
  it('ends cleanly with what it had, so the browser resumes it, instead of erroring the answer', async () => {
    let sent = false;
    const upstream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('terminated'));
        sent = true;
        controller.enqueue(new TextEncoder().encode('line 1\n'));
      },
    });
    let ended = 0;
    const text = await new Response(followedLog(upstream, { maxBytes: 1_000, maxSeconds: 60, onEnd: () => ended++ })).text();
    expect(text).toBe('line 1\n');
    expect(ended).toBe(1);
  });
});
