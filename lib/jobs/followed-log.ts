import 'server-only';

import { STOPPED_FOLLOWING } from '@/lib/logs/resume';
import { errorText, log } from '@/lib/observability/log';

// A followed log as the client receives it: it ends after a number of bytes or seconds
// (OFFLOAD_LOG_FOLLOW_MAX_BYTES / _SECONDS, lib/http/limits.ts) with a last line saying why,
// and the upstream request ends with it. Read on demand (pull), so a client that does not
// read holds the upstream request still rather than making the server buffer the log.

export interface FollowLimits {
  maxBytes: number;
  maxSeconds: number;
  /** Runs once when the stream ends, however it ends (the person's stream slot). */
  onEnd: () => void;
}

const NEWLINE = 0x0a;
const encoder = new TextEncoder();

const note = (text: string) => `${STOPPED_FOLLOWING} ${text}. —\n`;
export const TIME_NOTE = (seconds: number) =>
  note(
    `after ${seconds >= 60 ? `${Math.round(seconds / 60)} minutes` : `${seconds} s`}, the ` +
      `longest a log is followed here; reload to follow it again`,
  );
export const BYTES_NOTE = (bytes: number) =>
  note(
    `after ${bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`}, ` +
      `the most a followed log sends here; download the log to read all of it`,
  );

export function followedLog(upstream: ReadableStream<Uint8Array>, limits: FollowLimits): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  let sent = 0;
  let lastByte = NEWLINE;
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const end = () => {
    if (ended) return false;
    ended = true;
    clearTimeout(timer);
    limits.onEnd();
    void reader.cancel().catch(() => undefined);
    return true;
  };
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, why?: string) => {
    if (!end()) return;
    if (why !== undefined) controller.enqueue(encoder.encode(`${lastByte === NEWLINE ? '' : '\n'}${why}`));
    controller.close();
  };
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, bytes: Uint8Array) => {
    if (bytes.byteLength === 0) return;
    controller.enqueue(bytes);
    sent += bytes.byteLength;
    lastByte = bytes[bytes.byteLength - 1] ?? lastByte;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => finish(controller, TIME_NOTE(limits.maxSeconds)), limits.maxSeconds * 1000);
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        // The upstream broke (a virtual kubelet or the API server went away). End the answer
        // cleanly: the browser resumes a followed log that ends while the job runs
        // (lib/logs/resume.ts), and an errored body is only an "unhandled" error in the log.
        log.info('a followed log ended because its source broke', { err: errorText(err) });
        finish(controller);
        return;
      }
      if (ended) return;
      if (chunk.done) return finish(controller);
      const room = limits.maxBytes - sent;
      if (chunk.value.byteLength <= room) return send(controller, chunk.value);
      send(controller, chunk.value.subarray(0, cutAt(chunk.value, room)));
      finish(controller, BYTES_NOTE(limits.maxBytes));
    },
    cancel() {
      end();
    },
  });
}

/**
 * Where to cut to send at most `room` bytes: after the last whole line that fits, else before
 * a UTF-8 character that would not fit whole.
 */
function cutAt(bytes: Uint8Array, room: number): number {
  const lastLine = bytes.subarray(0, room).lastIndexOf(NEWLINE);
  if (lastLine >= 0) return lastLine + 1;
  let cut = room;
  // 0b10xxxxxx continues a character begun before it.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut;
}
