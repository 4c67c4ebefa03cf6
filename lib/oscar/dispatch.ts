import 'server-only';

import { apiRoute } from '@/lib/http/route';
import { authConfig, siteOrigin } from '@/lib/auth/settings';
import { Forbidden } from '@/lib/errors';

import { oscarCaller } from './caller';
import { deleteOscarJob, deleteOscarJobs, listOscarJobs, oscarJobLog, runOscarSync, startOscarJob } from './jobs';
import { oscarEmpty, oscarErrorResponse, OscarError, oscarJson, oscarText } from './respond';
import { matchOscarPath, OSCAR_BASE, type OscarRoute } from './router';
import { createOscarService, deleteOscarService, getOscarService, listOscarServices, updateOscarService } from './services';
import { noStorageAnswer, systemConfig, systemInfo } from './system';

// One entry for every OSCAR path (app/oscar/[...path]/route.ts): match the path, then the
// method, act as the caller (lib/oscar/caller.ts), answer as OSCAR does. Counted, timed and
// logged per route like every other request (lib/http/route.ts).

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export function oscarRequest(method: Method) {
  return async (request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> => {
    const { path } = await context.params;
    const route = matchOscarPath(path);
    const name = route?.route ?? `${OSCAR_BASE}/(unknown)`;
    return apiRoute(name, () => serve(request, method, route, path), oscarErrorResponse)(request, context);
  };
}

async function serve(request: Request, method: Method, route: OscarRoute | null, path: readonly string[]): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') refuseCrossSite(request);
  const response = route === null ? null : await answer(request, method, route);
  if (response === null) throw new OscarError(404, `OSCAR's API has no ${method} ${OSCAR_BASE}/${path.join('/')}.`);
  return response;
}

/** The answer, or null when the endpoint has no such method. */
async function answer(request: Request, method: Method, route: OscarRoute): Promise<Response | null> {
  const e = route.endpoint;
  const query = new URL(request.url).searchParams;
  const as = (service?: string) => oscarCaller(request, route.namespace, service);
  switch (e.kind) {
    case 'health':
      return method === 'GET' ? oscarText('Ok') : null;
    case 'storage':
      return noStorageAnswer(method);
    case 'job':
      return method === 'POST' ? created(await startOscarJob(await as(e.service), e.service, request)) : null;
    case 'run':
      return method === 'POST' ? oscarText(await runOscarSync(await as(e.service), e.service, request)) : null;
    case 'info':
      return method === 'GET' ? oscarJson(await systemInfo(await as())) : null;
    case 'config':
      return method === 'GET' ? oscarJson(await systemConfig(await as(), publicOrigin(request), basePath(route))) : null;
    case 'services':
      if (method === 'GET') return oscarJson(await listOscarServices(await as()));
      if (method === 'POST') return created(await createOscarService(await as(), request));
      return method === 'PUT' ? noContent(await updateOscarService(await as(), request)) : null;
    case 'service':
      if (method === 'GET') return oscarJson(await getOscarService(await as(), e.service));
      return method === 'DELETE' ? noContent(await deleteOscarService(await as(), e.service)) : null;
    case 'logs':
      if (method === 'GET') return oscarJson(await listOscarJobs(await as(), e.service, query.get('page')));
      return method === 'DELETE' ? noContent(await deleteOscarJobs(await as(), e.service, flag(query.get('all')))) : null;
    case 'log':
      if (method === 'GET') return oscarJobLog(await as(), e.service, e.job, flag(query.get('timestamps')), request.signal);
      return method === 'DELETE' ? noContent(await deleteOscarJob(await as(), e.service, e.job)) : null;
  }
}

// OSCAR answers a creation 201 and a change or deletion 204, without a body; the argument is
// only the awaited work's (empty) result.
const created = (_done: unknown): Response => oscarEmpty(201);
const noContent = (_done: unknown): Response => oscarEmpty(204);

/** OSCAR reads these with Go's strconv.ParseBool, anything else being false. */
const flag = (v: string | null): boolean => ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v ?? '');

function basePath(route: OscarRoute): string {
  return route.namespace === null ? OSCAR_BASE : `${OSCAR_BASE}/namespaces/${route.namespace}`;
}

function publicOrigin(request: Request): string {
  const config = authConfig();
  return siteOrigin(config.mode === 'signin' ? config : { publicUrl: null }, request);
}

/**
 * OSCAR clients send no Origin; a browser does, and a page of another site could otherwise
 * make one send a form here (with a password the browser remembered for this site).
 */
function refuseCrossSite(request: Request): void {
  const origin = request.headers.get('origin');
  if ((origin !== null && origin !== publicOrigin(request)) || request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new Forbidden(`Requests from ${origin ?? 'another site'} may not change anything here.`);
  }
}
