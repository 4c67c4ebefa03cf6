import { z } from 'zod';

// GET /api/events?kinds=node,job — which live lists to stream. Without `kinds`, nodes only
// (what the stream carried first, so older clients keep working). `job=<namespace>/<name>`
// narrows the job stream to that one job (its detail page needs no other row).

export const EVENT_STREAM_KINDS = ['node', 'job'] as const;

export const EventsQuerySchema = z.object({
  kinds: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s === '' ? ['node'] : s.split(',')))
    .pipe(z.array(z.enum(EVENT_STREAM_KINDS, { error: `must be a comma-separated list of: ${EVENT_STREAM_KINDS.join(', ')}` })).min(1)),
  job: z
    .string()
    .regex(/^[a-z0-9][-a-z0-9]{0,62}\/[^/]{1,253}$/, 'job is <namespace>/<name>')
    .optional()
    .transform((v) => {
      if (v === undefined) return undefined;
      const slash = v.indexOf('/');
      return { namespace: v.slice(0, slash), name: v.slice(slash + 1) };
    }),
});

export type JobScope = { namespace: string; name: string };

export function parseEventsQuery(url: string) {
  return EventsQuerySchema.parse(Object.fromEntries(new URL(url).searchParams));
}
