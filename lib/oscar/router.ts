// The paths of OSCAR's API (github.com/grycap/oscar/blob/v3.3.0/main.go) below Offload's base
// path: `/oscar/...` works in the caller's own namespace, `/oscar/namespaces/{ns}/...` in
// that one. Pure: path segments → which endpoint, with its parameters and the route name
// that labels the request's metrics.

export type OscarEndpoint =
  | { kind: 'health' }
  | { kind: 'info' }
  | { kind: 'config' }
  | { kind: 'services' }
  | { kind: 'service'; service: string }
  | { kind: 'logs'; service: string }
  | { kind: 'log'; service: string; job: string }
  | { kind: 'job'; service: string }
  | { kind: 'run'; service: string }
  /** Where /system/config points oscar-cli's MinIO client: every call is refused there. */
  | { kind: 'storage' };

export interface OscarRoute {
  endpoint: OscarEndpoint;
  /** From `/oscar/namespaces/{ns}`; null: the caller's own. */
  namespace: string | null;
  /** e.g. `/oscar/system/services/{name}`, for metrics and logs. */
  route: string;
}

export const OSCAR_BASE = '/oscar';
export const STORAGE_PATH = 'storage';

function endpointOf(s: readonly string[]): { endpoint: OscarEndpoint; route: string } | null {
  const [a, b, c, d, ...rest] = s;
  if (a === STORAGE_PATH) return { endpoint: { kind: 'storage' }, route: `/${STORAGE_PATH}/…` };
  if (rest.length > 0) return null;
  if (a === 'health' && b === undefined) return { endpoint: { kind: 'health' }, route: '/health' };
  if ((a === 'job' || a === 'run') && b !== undefined && c === undefined)
    return { endpoint: { kind: a, service: b }, route: `/${a}/{service}` };
  if (a !== 'system') return null;
  if (b === 'info' && c === undefined) return { endpoint: { kind: 'info' }, route: '/system/info' };
  if (b === 'config' && c === undefined) return { endpoint: { kind: 'config' }, route: '/system/config' };
  if (b === 'services' && c === undefined) return { endpoint: { kind: 'services' }, route: '/system/services' };
  if (b === 'services' && c !== undefined && d === undefined)
    return { endpoint: { kind: 'service', service: c }, route: '/system/services/{name}' };
  if (b === 'logs' && c !== undefined && d === undefined)
    return { endpoint: { kind: 'logs', service: c }, route: '/system/logs/{service}' };
  if (b === 'logs' && c !== undefined && d !== undefined)
    return { endpoint: { kind: 'log', service: c, job: d }, route: '/system/logs/{service}/{job}' };
  return null;
}

/** Segments after `/oscar` (decoded, as Next gives a catch-all), or null for no OSCAR path. */
export function matchOscarPath(segments: readonly string[]): OscarRoute | null {
  const scoped = segments[0] === 'namespaces' && segments[1] !== undefined;
  const namespace = scoped ? (segments[1] ?? null) : null;
  const match = endpointOf(scoped ? segments.slice(2) : segments);
  if (match === null) return null;
  return { endpoint: match.endpoint, namespace, route: `${OSCAR_BASE}${scoped ? '/namespaces/{namespace}' : ''}${match.route}` };
}
