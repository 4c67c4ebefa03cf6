import { parseEventsQuery } from '@/lib/api/events-query';
import { identify } from '@/lib/http/identity';
import { apiRoute } from '@/lib/http/route';
import { openEventStream } from '@/lib/live/event-stream';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('/api/events', async (request) => {
  const { kinds, job } = parseEventsQuery(request.url);
  return openEventStream(await identify(request), kinds, request.signal, job);
});
