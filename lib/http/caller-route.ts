import 'server-only';

import type { Identity } from '@/lib/k8s/access';

import { identify, identifyWithBody } from './identity';
import { apiRoute } from './route';

// Routes that act as a person: the wrapper identifies the caller (lib/http/identity.ts) before
// the handler runs, so a handler cannot forget to, and hands it the identity and the route's
// label (the one its metrics and logs carry).

export interface Call<C> {
  request: Request;
  /** Next's second argument (`{ params }` on dynamic routes). */
  context: C;
  identity: Identity;
  route: string;
}

export function callerRoute<C = unknown>(route: string, handler: (call: Call<C>) => Promise<Response>) {
  return apiRoute<C>(route, async (request, context) => handler({ request, context, route, identity: await identify(request) }));
}

/** The same, with the JSON body read after the identity, at most `maxBytes()` of it (413 above). */
export function callerRouteWithBody<C = unknown>(
  route: string,
  maxBytes: () => number,
  handler: (call: Call<C> & { body: unknown }) => Promise<Response>,
) {
  return apiRoute<C>(route, async (request, context) => {
    const { identity, body } = await identifyWithBody(request, maxBytes());
    return handler({ request, context, route, identity, body });
  });
}
