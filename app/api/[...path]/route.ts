import { apiRoute } from '@/lib/http/route';
import { NotFound } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// An address under /api that no endpoint answers: a JSON 404 with the API's headers, not the
// HTML page Next would render (docs/api.md lists the endpoints).
const notFound = apiRoute('/api/{unknown}', async (request) => {
  throw new NotFound(`There is no endpoint ${new URL(request.url).pathname}; docs/api.md lists them.`);
});

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
