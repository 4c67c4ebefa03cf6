import type { JobLogsQuery } from './job-logs';

// The URL of GET /api/jobs/{namespace}/{name}/logs for the browser's log view; apart from the
// query's schema (job-logs.ts) so the page does not bundle zod.

/** The query string of the same request, e.g. for the browser's log view. */
export function jobLogsUrl(namespace: string, name: string, q: Partial<Record<keyof JobLogsQuery, string | number | boolean>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== false && v !== '') params.set(k, String(v));
  const query = params.toString();
  return `/api/jobs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/logs${query ? `?${query}` : ''}`;
}
