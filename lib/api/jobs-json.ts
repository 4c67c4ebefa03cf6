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

/** The job stream's SNAPSHOT message (GET /api/events), from the same per-row JSON. */
export function jobSnapshotJson(s: { id: number; items: readonly object[] }): string {
  return `{"kind":"job","type":"SNAPSHOT","id":${s.id},"items":[${s.items.map(jsonOf).join(',')}]}`;
}
