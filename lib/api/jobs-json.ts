import type { JobsResponse } from './jobs';

// The body of GET /api/jobs (and the job stream's snapshot). At 10,000 rows, serialising every row per request is most of
// the answer's cost; a row is an immutable object (a change makes a new one), so each row's
// JSON is written once and reused until the row is replaced. Pure.

const rowJson = new WeakMap<object, string>();

function jsonOf(row: object): string {
  let text = rowJson.get(row);
  if (text === undefined) rowJson.set(row, (text = JSON.stringify(row)));
  return text;
}

export function jobsResponseJson(r: JobsResponse): string {
  return `{"jobs":[${r.jobs.map(jsonOf).join(',')}],"total":${r.total},"offset":${r.offset},"revision":${r.revision}}`;
}

/**
 * The same body as a stream of `rowsPerChunk` rows at a time, so that a full list of 10,000
 * rows is never one 5 MB string (and its 5 MB copy in bytes) per request: the server's memory
 * stays flat however many full lists are asked for at once.
 */
export function jobsResponseStream(r: JobsResponse, rowsPerChunk = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const end = Math.min(next + rowsPerChunk, r.jobs.length);
      let text = next === 0 ? '{"jobs":[' : ',';
      text += r.jobs.slice(next, end).map(jsonOf).join(',');
      next = end;
      if (next >= r.jobs.length) {
        controller.enqueue(encoder.encode(`${text}],"total":${r.total},"offset":${r.offset},"revision":${r.revision}}`));
        controller.close();
      } else controller.enqueue(encoder.encode(text));
    },
  });
}

/** The job stream's SNAPSHOT message (GET /api/events), from the same per-row JSON. */
export function jobSnapshotJson(s: { id: number; items: readonly object[] }): string {
  return `{"kind":"job","type":"SNAPSHOT","id":${s.id},"items":[${s.items.map(jsonOf).join(',')}]}`;
}
