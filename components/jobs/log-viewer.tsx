'use client';

import { useMemo, useState } from 'react';

import { jobLogsUrl } from '@/lib/client/jobs';
import { count } from '@/lib/format/plural';
import { logRows, searchRows } from '@/lib/logs/log-rows';
import { useLogStream } from '@/lib/logs/use-log-stream';

import { BUTTON_TONES } from './confirm-button';
import { LogLines } from './log-lines';

// The job's log: followed live while the job runs (the stream ends when it does), with
// pause/resume, tail N lines, search with highlighting, wrapping and a download of the
// whole log (straight from the server, so a 50 MB log never passes through the page, and
// byte for byte what the API server sends: nothing is hidden from it). The Slurm plugin's
// own wrapper lines are hidden until asked for; search covers the lines shown and says how
// many matches the hidden ones hold.

const TAILS = [
  { value: 100, label: '100' },
  { value: 1_000, label: '1,000' },
  { value: 10_000, label: '10,000' },
  { value: 0, label: 'all' },
] as const;
const control = 'rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

export function LogViewer({
  namespace,
  name,
  running,
  state,
  hasPod,
}: {
  namespace: string;
  name: string;
  running: boolean;
  state: string;
  hasPod: boolean;
}) {
  const [tail, setTail] = useState<number>(10_000);
  const [paused, setPaused] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState('');
  const [hit, setHit] = useState(0);
  const [showPlugin, setShowPlugin] = useState(false);
  const url = hasPod ? jobLogsUrl(namespace, name, { follow: running, tailLines: tail === 0 ? undefined : tail }) : null;
  const { buffer, version, status, error, notice } = useLogStream(url, paused, state, running);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` says when the buffer (mutated in place) changed.
  const rows = useMemo(() => logRows(buffer, !showPlugin), [buffer, showPlugin, version]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above.
  const found = useMemo(() => searchRows(buffer, !showPlugin, query), [buffer, showPlugin, query, version]);
  const hits = found.rows;
  const pluginLines = buffer.count('plugin');
  const current = hits.length === 0 ? null : (hits[Math.min(hit, hits.length - 1)] ?? null);
  const step = (d: number) => setHit((h) => (hits.length === 0 ? 0 : (h + d + hits.length) % hits.length));

  return (
    <div className="space-y-2" data-testid="log-viewer" data-status={status}>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <button
          type="button"
          className={BUTTON_TONES.plain}
          aria-pressed={paused}
          onClick={() => setPaused((p) => !p)}
          data-testid="log-pause"
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <label className="flex flex-col text-xs font-medium">
          Tail lines
          <select className={control} value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {TAILS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium">
          Search the lines shown
          <input
            type="search"
            className={control}
            value={query}
            onChange={(e) => (setQuery(e.target.value), setHit(0))}
            onKeyDown={(e) => e.key === 'Enter' && step(e.shiftKey ? -1 : 1)}
          />
        </label>
        <span className="text-xs" aria-live="polite" data-testid="log-hits">
          {hitsText(query, hits.length, hit, found.hidden)}
        </span>
        <button
          type="button"
          className={BUTTON_TONES.plain}
          onClick={() => step(-1)}
          disabled={hits.length === 0}
          aria-label="Previous match"
        >
          ↑
        </button>
        <button type="button" className={BUTTON_TONES.plain} onClick={() => step(1)} disabled={hits.length === 0} aria-label="Next match">
          ↓
        </button>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> Wrap lines
        </label>
        {pluginLines > 0 && (
          <button
            type="button"
            className={BUTTON_TONES.plain}
            aria-pressed={showPlugin}
            onClick={() => (setShowPlugin((s) => !s), setHit(0))}
            title="The Slurm plugin's own lines: its job script's progress and bash's time report"
            data-testid="log-plugin-toggle"
          >
            {`${showPlugin ? 'Hide' : 'Show'} ${count(pluginLines, 'interLink line')}`}
          </button>
        )}
        {hasPod && (
          <a
            className={BUTTON_TONES.plain}
            href={jobLogsUrl(namespace, name, { download: true })}
            download
            title="Every line, interLink's included, exactly as the cluster sends it"
            data-testid="log-download"
          >
            Download the whole log
          </a>
        )}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" role="status" data-testid="log-status">
        {statusText(status, running, paused, hasPod)}
        {buffer.dropped > 0 &&
          ` Showing the last ${count(buffer.length, 'line')}; ${buffer.dropped.toLocaleString('en')} ` +
            `earlier ${buffer.dropped === 1 ? 'one is' : 'ones are'} in the download.`}
      </p>
      {notice !== null && (
        <p role="note" className="text-sm text-amber-900 dark:text-amber-200" data-testid="log-notice">
          {notice}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
      <LogLines rows={rows} version={version} query={query} wrap={wrap} stick={running && !paused} current={current} />
    </div>
  );
}

function hitsText(query: string, hits: number, hit: number, hidden: number): string {
  if (query === '') return '';
  const more = hidden === 0 ? '' : ` (${hidden.toLocaleString('en')} more in hidden interLink lines)`;
  return `${hits === 0 ? 'no match' : `${Math.min(hit, hits - 1) + 1} of ${hits}`}${more}`;
}

function statusText(status: string, running: boolean, paused: boolean, hasPod: boolean): string {
  if (!hasPod) return 'No pod, so no log: it exists only while the job’s pod does.';
  if (paused) return 'Paused: new lines are kept and shown when you resume.';
  if (status === 'connecting') return 'Connecting to the log…';
  if (status === 'streaming') return running ? 'Following the log live.' : 'Reading the log…';
  if (status === 'reconnecting')
    return (
      'The connection to the log was lost (the virtual node or Offload restarting?); ' +
      'reconnecting, and the log will go on where it stopped…'
    );
  if (status === 'ended') return running ? 'The log stream ended.' : 'The whole log (as requested) is shown.';
  return 'The log could not be read.';
}
