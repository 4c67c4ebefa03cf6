import type { JobsResponse } from './jobs';

// The body of GET /api/jobs. At 10,000 rows, serialising every row per request is most of
// the answer's cost; a row is an immutable object (a change makes a new one), so each row's
// JSON is written once and reused until the row is replaced. Pure.

const rowJson = new WeakMap<object, string>();

export function jobsResponseJson(r: JobsResponse): string {
  const rows = r.jobs.map((row) => {
    let text = rowJson.get(row);
    if (text === undefined) rowJson.set(row, (text = JSON.stringify(row)));
    return text;
  });
  return `{"jobs":[${rows.join(',')}],"total":${r.total},"offset":${r.offset},"revision":${r.revision}}`;
}
