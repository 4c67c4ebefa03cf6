import { z } from 'zod';

// GET /api/events?kinds=node — which live lists to stream. Only `node` exists so far.

export const EVENT_STREAM_KINDS = ['node'] as const;

export const EventsQuerySchema = z.object({
  kinds: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s === '' ? [...EVENT_STREAM_KINDS] : s.split(',')))
    .pipe(z.array(z.enum(EVENT_STREAM_KINDS, { error: `must be a comma-separated list of: ${EVENT_STREAM_KINDS.join(', ')}` })).min(1)),
});

export function parseEventsQuery(url: string) {
  return EventsQuerySchema.parse(Object.fromEntries(new URL(url).searchParams));
}
