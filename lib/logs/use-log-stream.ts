'use client';

import { useEffect, useRef, useState } from 'react';

import { apiErrorFrom } from '@/lib/api/api-error';
import { apiFetch } from '@/lib/api/session-client';

import { LineBuffer } from './line-buffer';

// Reads a text log from the dashboard's log endpoint as it streams. Text is batched: chunks
// are collected as they arrive and applied to the buffer at most once per animation frame,
// so a writer of thousands of lines per second costs one render per frame. While paused,
// text is collected but not applied; resuming applies it.

export type LogStatus = 'connecting' | 'streaming' | 'ended' | 'error';

export interface LogStream {
  buffer: LineBuffer;
  /** Changes whenever the buffer does. */
  version: number;
  status: LogStatus;
  error: string | null;
}

/** `restartKey`: a change reads the log again from the start (e.g. the job's state changed). */
export function useLogStream(url: string | null, paused: boolean, restartKey = ''): LogStream {
  const bufferRef = useRef<LineBuffer | null>(null);
  bufferRef.current ??= new LineBuffer();
  const buffer = bufferRef.current;
  const pending = useRef('');
  const pausedRef = useRef(paused);
  const flushRef = useRef<() => void>(() => {});
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LogStatus>('connecting');
  const [error, setError] = useState<string | null>(null);

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
    void (async () => {
      try {
        const response = await apiFetch(url, { signal: abort.signal, headers: { Accept: 'text/plain' } });
        if (!response.ok) throw await apiErrorFrom(response);
        setStatus('streaming');
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const chunk = await reader?.read();
          if (chunk === undefined || chunk.done) break;
          pending.current += chunk.value;
          schedule();
        }
        flush();
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
  }, [url, buffer, restartKey]);

  return { buffer, version, status, error };
}
