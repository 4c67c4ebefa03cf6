'use client';

import { useEffect, useRef, useState } from 'react';

import { apiErrorFrom } from '@/lib/api/api-error';
import { apiFetch } from '@/lib/client/session';

import { LineBuffer } from './line-buffer';
import { LOG_STALL_MS, LogResumer, endedOnPurpose, resumeDelayMs } from './resume';

// Reads a text log from the dashboard's log endpoint as it streams. Text is batched: chunks
// are collected as they arrive and applied to the buffer at most once per animation frame,
// so a writer of thousands of lines per second costs one render per frame. While paused,
// text is collected but not applied; resuming applies it.

export type LogStatus = 'connecting' | 'streaming' | 'reconnecting' | 'ended' | 'error';

export interface LogStream {
  buffer: LineBuffer;
  /** Changes whenever the buffer does. */
  version: number;
  status: LogStatus;
  error: string | null;
  /** Set when a resumed log could not be matched with what was shown (lines may repeat). */
  notice: string | null;
}

/**
 * `restartKey`: a change reads the log again from the start (e.g. the job's state changed).
 * `follow`: the log is followed; a stream that ends or breaks while the job runs (a virtual
 * kubelet or an Offload server restarted) is read again and resumed where it was (resume.ts).
 */
export function useLogStream(url: string | null, paused: boolean, restartKey = '', follow = false): LogStream {
  const bufferRef = useRef<LineBuffer | null>(null);
  bufferRef.current ??= new LineBuffer();
  const buffer = bufferRef.current;
  const pending = useRef('');
  const pausedRef = useRef(paused);
  const flushRef = useRef<() => void>(() => {});
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LogStatus>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    pausedRef.current = paused;
    if (!paused) flushRef.current();
  }, [paused]);

  useEffect(() => {
    if (url === null) return;
    const abort = new AbortController();
    let frame: number | null = null;
    buffer.clear();
    pending.current = '';
    setVersion(buffer.version);
    setStatus('connecting');
    setError(null);
    setNotice(null);
    const flush = () => {
      frame = null;
      if (pausedRef.current || pending.current === '') return;
      buffer.append(pending.current);
      pending.current = '';
      setVersion(buffer.version);
    };
    flushRef.current = flush;
    const schedule = () => {
      frame ??= requestAnimationFrame(flush);
    };
    const resumer = new LogResumer();
    const take = (text: string) => {
      if (text === '') return;
      pending.current += text;
      schedule();
    };
    /** One connection; resolves with whether it may be resumed (it ended or broke, not on purpose). */
    let failures = 0;
    const readOnce = async (): Promise<boolean> => {
      let last = '';
      // This connection alone: ended by the page, or by a followed log that went silent.
      const connection = new AbortController();
      const stop = () => connection.abort();
      abort.signal.addEventListener('abort', stop);
      let stall: ReturnType<typeof setTimeout> | undefined;
      const watch = () => {
        clearTimeout(stall);
        if (follow) stall = setTimeout(stop, LOG_STALL_MS);
      };
      try {
        watch();
        const response = await apiFetch(url, { signal: connection.signal, headers: { Accept: 'text/plain' } });
        if (!response.ok) {
          const err = await apiErrorFrom(response);
          // Refusals are final (no access, no pod); a busy or restarting server is not.
          if (response.status !== 429 && response.status < 500) throw err;
          setError(err.message);
          return true;
        }
        setStatus('streaming');
        setError(null);
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const chunk = await reader?.read();
          if (chunk === undefined || chunk.done) break;
          last = (last + chunk.value).slice(-1024);
          const fresh = resumer.accept(chunk.value);
          // While the old end is still being looked for, bytes are not progress: a follow asked
          // while a virtual kubelet restarts can send the plugin's "Cannot open in follow mode …
          // retrying" every 4 s forever (seen in npm run soak); the next read finds the log.
          if (resumer.outcome !== 'searching') watch();
          // Only new lines reset the backoff: a finished log read again in a loop stays slow.
          if (fresh !== '') failures = 0;
          take(fresh);
        }
        return !endedOnPurpose(last);
      } catch (err) {
        if (abort.signal.aborted || (err instanceof Error && err.name === 'ApiError')) throw err;
        // The connection broke (network error): resumable.
        return true;
      } finally {
        clearTimeout(stall);
        abort.signal.removeEventListener('abort', stop);
        take(resumer.ended());
        if (resumer.outcome === 'unverified')
          setNotice(
            'The log was read again after the connection broke, and Offload could not find where it had ' +
              'stopped: some lines may be shown twice.',
          );
      }
    };
    void (async () => {
      try {
        for (;;) {
          const resumable = await readOnce();
          flush();
          if (!follow || !resumable || abort.signal.aborted) break;
          // Still followed: the job runs as far as the page knows (a finished job changes the
          // restart key and reads its log afresh), so the stream broke. Read it again.
          setStatus('reconnecting');
          await new Promise((r) => setTimeout(r, resumeDelayMs(failures++)));
          if (abort.signal.aborted) return;
          resumer.reconnect();
        }
        setStatus('ended');
      } catch (err) {
        if (abort.signal.aborted) return;
        setError(err instanceof Error ? err.message : String(err));
        setStatus('error');
      }
    })();
    return () => {
      abort.abort();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [url, buffer, restartKey, follow]);

  return { buffer, version, status, error, notice };
}
