import { parseEventsQuery } from '@/lib/api/events-query';
import { callerRoute } from '@/lib/http/caller-route';
import { openEventStream } from '@/lib/live/event-stream';

export const dynamic = 'force-dynamic';

export const GET = callerRoute('/api/events', async ({ identity, request }) => {
  const { kinds, job } = parseEventsQuery(request.url);
  return openEventStream(identity, kinds, request.signal, job);
});
