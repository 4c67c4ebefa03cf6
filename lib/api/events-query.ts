import { z } from 'zod';

// GET /api/events?kinds=node,job — which live lists to stream. Without `kinds`, nodes only
// (what the stream carried first, so older clients keep working).

export const EVENT_STREAM_KINDS = ['node', 'job'] as const;

export const EventsQuerySchema = z.object({
  kinds: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s === '' ? ['node'] : s.split(',')))
    .pipe(z.array(z.enum(EVENT_STREAM_KINDS, { error: `must be a comma-separated list of: ${EVENT_STREAM_KINDS.join(', ')}` })).min(1)),
});

export function parseEventsQuery(url: string) {
  return EventsQuerySchema.parse(Object.fromEntries(new URL(url).searchParams));
}
