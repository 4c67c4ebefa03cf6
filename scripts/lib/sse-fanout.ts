// One fan-out run: the production server with `clients` SSE clients connected for
// `seconds`, and that server's API-server requests as the lab's audit log records them (by
// its user agent). Used by `npm run check:sse-fanout` and the benchmark suite.
import { requestsByInstance, type AuditedRequest } from './audit-log.ts';
import { startOffload } from './offload-server.ts';
import { connectSse } from './sse-client.ts';

export interface FanoutRun {
  clients: number;
  /** Requests that could grow with the clients (everything but `readinessRecords`). */
  total: AuditedRequest[];
  duringWindow: AuditedRequest[];
  /**
   * Events the server wrote because a node's readiness changed (lib/k8s/node-events.ts):
   * caused by the cluster, not by the clients, so counted apart. The lab's virtual nodes
   * turn NotReady for one 30 s ping now and then (docs/operations.md, "ping EOF").
   */
  readinessRecords: AuditedRequest[];
}

const isReadinessRecord = (r: AuditedRequest) => r.verb === 'create' && /\/events$/.test(r.requestURI.split('?')[0] ?? '');

export interface FanoutOptions {
  seconds: number;
  /** `kinds` of GET /api/events (default: node). */
  kinds?: string;
  /** Sent with every SSE request (e.g. Authorization). */
  headers?: Record<string, string>;
  snapshotTimeoutMs?: number;
}

export async function fanoutRun(clients: number, o: FanoutOptions): Promise<FanoutRun> {
  // Every client is the same person; the per-person stream limit (lib/http/limits.ts) is not what is measured.
  const server = await startOffload({
    instanceId: `fanout-${clients}-${Date.now()}`,
    env: { OFFLOAD_STREAMS_PER_PERSON: String(Math.max(clients, 20)) },
  });
  let windowStart = '';
  try {
    const kinds = o.kinds ?? 'node';
    const connections = await Promise.all(
      Array.from({ length: clients }, () => connectSse(`${server.url}/api/events?kinds=${kinds}`, o.headers)),
    );
    const refused = connections.find((c) => c.status !== 200);
    if (refused !== undefined) throw new Error(`GET /api/events answered ${refused.status}`);
    // Every client has its snapshot(s) before the window opens.
    const snapshots = kinds.split(',').length;
    await Promise.all(
      connections.map(async (c) => {
        for (let i = 0; i < snapshots; i++) await c.next((m) => m.data.includes('"SNAPSHOT"'), o.snapshotTimeoutMs ?? 10_000);
      }),
    );
    windowStart = new Date().toISOString();
    await new Promise((r) => setTimeout(r, o.seconds * 1000));
    const metrics = await (await fetch(server.metricsUrl)).text();
    const connected = /^offload_sse_clients (\d+)$/m.exec(metrics)?.[1];
    connections.forEach((c) => c.close());
    if (Number(connected) !== clients) throw new Error(`expected ${clients} SSE clients connected, the server counted ${connected}`);
  } finally {
    await server.stop();
  }
  // The audit log is written as requests complete; give the last lines a moment.
  await new Promise((r) => setTimeout(r, 2_000));
  const all = requestsByInstance(server.instanceId);
  const total = all.filter((r) => !isReadinessRecord(r));
  return { clients, total, duringWindow: total.filter((r) => r.at >= windowStart), readinessRecords: all.filter(isReadinessRecord) };
}

export function describeRun(r: FanoutRun, seconds: number): string {
  const kinds = r.total.map((q) => `${q.verb} ${q.requestURI.split('?')[0]}`).sort();
  return (
    `${r.clients} SSE client(s) for ${seconds} s: ${r.total.length} API-server requests from ` +
    `the dashboard (${r.duringWindow.length} during the window): ${kinds.join(', ')}` +
    (r.readinessRecords.length > 0 ? `; and ${r.readinessRecords.length} node readiness Event(s) recorded` : '')
  );
}
