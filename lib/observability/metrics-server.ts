import 'server-only';

import { createServer, type Server } from 'node:http';

import { errorText, log } from './log';
import { metrics } from './metrics';

// GET /metrics on a port of its own (OFFLOAD_METRICS_PORT, 9464 unless set; 0 turns it off),
// so the web port, and the Ingress in front of it, never serve the metrics: Prometheus
// scrapes this port through the Service's `metrics` port, which the Ingress does not route.

export const DEFAULT_METRICS_PORT = 9464;
const KEY = Symbol.for('offload.metricsServer');
type WithServer = typeof globalThis & { [KEY]?: Server };

/** The metrics port from the environment, or null when it is turned off. */
export function metricsPort(env: Readonly<Record<string, string | undefined>> = process.env): number | null {
  const text = env.OFFLOAD_METRICS_PORT ?? '';
  if (text === '') return DEFAULT_METRICS_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`OFFLOAD_METRICS_PORT must be a port number (0 turns metrics off), not '${text}'`);
  return port === 0 ? null : port;
}

/** Starts the metrics listener once per process, on the address the web server binds. */
export function startMetricsServer(): void {
  const g = globalThis as WithServer;
  const port = metricsPort();
  if (g[KEY] !== undefined || port === null) return;
  const host = process.env.HOSTNAME ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: this port serves GET /metrics only.\n');
      return;
    }
    res
      .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(metrics().registry.render());
  });
  // The dashboard keeps serving without metrics; the error says why there are none.
  server.on('error', (err) => log.error('metrics listener failed', { port, err: errorText(err) }));
  server.listen(port, host, () => log.info('metrics listening', { host, port }));
  g[KEY] = server;
}
