import 'server-only';

import { log } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';

import { errorResponse } from './http-errors';
import { DATA_CSP, securityHeaders, siteSecurity } from './security-headers';

// Every route handler is wrapped once: typed errors become JSON answers (http-errors.ts),
// every answer carries the security headers of data (security-headers.ts), and each request
// is counted, timed and logged by route and status. Handlers stay a few lines: parse, call
// lib, return.

const HEADERS = Object.entries(securityHeaders(DATA_CSP, siteSecurity()));

/** `context` is Next's second argument (`{ params }` on dynamic routes), passed through. */
type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * `onError` answers a thrown error: the JSON API's shape by default; the OSCAR-compatible
 * API answers in OSCAR's (lib/oscar/respond.ts).
 */
export function apiRoute<C = unknown>(
  route: string,
  handler: Handler<C>,
  onError: (err: unknown, route: string) => Response = errorResponse,
): Handler<C> {
  return async (request, context) => {
    const started = performance.now();
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (err) {
      response = onError(err, route);
    }
    response = secured(response);
    const seconds = (performance.now() - started) / 1000;
    const labels = { route, method: request.method, status: String(response.status) };
    const m = metrics();
    m.requests.inc(labels);
    m.duration.observe(labels, seconds);
    log.info('request', { ...labels, ms: Math.round(seconds * 1000), bearer: request.headers.has('authorization') });
    return response;
  };
}

function secured(response: Response): Response {
  try {
    for (const [name, value] of HEADERS) response.headers.set(name, value);
    return response;
  } catch {
    // Headers of a Response made elsewhere may be immutable: answer with a copy.
    const copy = new Response(response.body, response);
    for (const [name, value] of HEADERS) copy.headers.set(name, value);
    return copy;
  }
}

/** JSON answer that no proxy or browser may cache: it is live cluster state. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** The same, for a body already serialised or streamed (GET /api/jobs, which reuses each row's JSON). */
export function jsonText(body: string | ReadableStream<Uint8Array>, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}
