// Does the dashboard's load on the API server stay flat however many browsers watch it?
// Runs the production server twice against the lab, once with 1 SSE client and once with
// 50, each connected for 60 s, and counts that server's requests in the API server's audit
// log by its user agent. Prints both counts; exits 1 if they differ.
//
//   node scripts/sse-fanout-check.ts [clients=50] [seconds=60]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { requestsByInstance, type AuditedRequest } from './lib/audit-log.ts';
import { ROOT, startOffload } from './lib/offload-server.ts';
import { connectSse } from './lib/sse-client.ts';

const many = Number(process.argv[2] ?? 50);
// One person (the lab's admin) in every browser: sign-in is on, and the clients are signed in.
const adminToken = readFileSync(join(ROOT, '.lab', 'users', 'admin.token'), 'utf8').trim();
const seconds = Number(process.argv[3] ?? 60);

interface Run {
  clients: number;
  total: AuditedRequest[];
  duringWindow: AuditedRequest[];
}

async function run(clients: number): Promise<Run> {
  const server = await startOffload({ instanceId: `fanout-${clients}-${Date.now()}` });
  let windowStart = '';
  try {
    const connections = await Promise.all(Array.from({ length: clients }, () => connectSse(`${server.url}/api/events?kinds=node`, { Authorization: `Bearer ${adminToken}` })));
    // Every client has its snapshot before the window opens.
    await Promise.all(connections.map((c) => c.next((m) => m.data.includes('"SNAPSHOT"'))));
    windowStart = new Date().toISOString();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const connected = /^offload_sse_clients (\d+)$/m.exec(metrics)?.[1];
    connections.forEach((c) => c.close());
    if (Number(connected) !== clients) throw new Error(`expected ${clients} SSE clients connected, the server counted ${connected}`);
  } finally {
    await server.stop();
  }
  // The audit log is written as requests complete; give the last lines a moment.
  await new Promise((r) => setTimeout(r, 2_000));
  const total = requestsByInstance(server.instanceId);
  return { clients, total, duringWindow: total.filter((r) => r.at >= windowStart) };
}

function describe(r: Run): string {
  const kinds = r.total.map((q) => `${q.verb} ${q.requestURI.split('?')[0]}`).sort();
  return `${r.clients} SSE client(s) for ${seconds} s: ${r.total.length} API-server requests from the dashboard (${r.duringWindow.length} during the window): ${kinds.join(', ')}`;
}

const one = await run(1);
console.log(describe(one));
const fifty = await run(many);
console.log(describe(fifty));
const same = one.total.length === fifty.total.length && one.duringWindow.length === fifty.duringWindow.length;
console.log(same ? `same: ${one.total.length} = ${fifty.total.length}` : `DIFFERENT: ${one.total.length} vs ${fifty.total.length}`);
process.exit(same ? 0 : 1);
