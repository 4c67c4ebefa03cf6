import { afterAll, describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import type { NodeView } from '@/lib/api/nodes';
import type { SnapshotMessage, WatchEvent } from '@/lib/api/watch-events';
import { createOffloadedJob, deleteJob, userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';
import { connectSse, type SseConnection } from '../../../scripts/lib/sse-client.ts';

// GET /api/events against the lab: snapshot first, then live messages with increasing
// ids, heartbeats, a fresh snapshot on reconnect, and clean-up when a client goes away.

const server = withOffloadServer(() => ({ env: { OFFLOAD_SSE_HEARTBEAT_MS: '1000' } }));
const open: SseConnection[] = [];
afterAll(() => open.forEach((c) => c.close()));

async function connect(headers: Record<string, string> = { Authorization: `Bearer ${userToken('admin')}` }) {
  const c = await connectSse(`${server().url}/api/events?kinds=node`, headers);
  open.push(c);
  return c;
}

const isSnapshot = (m: { data: string }) => (JSON.parse(m.data) as { type: string }).type === 'SNAPSHOT';

async function sseClients(): Promise<number> {
  const text = await (await fetch(server().metricsUrl)).text();
  return Number(/^offload_sse_clients (\d+)$/m.exec(text)?.[1]);
}

describe('GET /api/events', () => {
  it('starts with the cluster status and a snapshot of both virtual nodes', async () => {
    const c = await connect();
    expect(c.status).toBe(200);
    const status = JSON.parse((await c.next((m) => m.event === 'status')).data) as { synced: boolean; reachable: boolean };
    expect(status).toMatchObject({ synced: true, reachable: true });
    const message = await c.next(isSnapshot);
    const snapshot = JSON.parse(message.data) as SnapshotMessage<NodeView>;
    expect(message.id).toBe(String(snapshot.id));
    expect(
      snapshot.items
        .filter((n) => n.kind === 'interlink')
        .map((n) => n.name)
        .sort(),
    ).toEqual(['lumi-vk', 'vega-vk']);
    c.close();
  });

  it('sends heartbeats as comments', async () => {
    const c = await connect();
    await c.next(isSnapshot);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(c.comments()).toBeGreaterThanOrEqual(1);
    c.close();
  });

  it('streams a node change when an offloaded job lands on it, with ids above the snapshot', async () => {
    const c = await connect();
    const snapshot = JSON.parse((await c.next(isSnapshot)).data) as SnapshotMessage<NodeView>;
    const before = snapshot.items.find((n) => n.name === 'vega-vk')?.jobs ?? {};
    const total = (jobs: NodeView['jobs']) => Object.values(jobs ?? {}).reduce((a, b) => a + b, 0);
    const name = await createOffloadedJob('int-events');
    try {
      const change = await c.next((m) => {
        const e = JSON.parse(m.data) as WatchEvent<NodeView>;
        return e.type === 'MODIFIED' && e.key === 'vega-vk' && total(e.object.jobs) > total(before);
      }, 30_000);
      const event = JSON.parse(change.data) as WatchEvent<NodeView>;
      expect(event.id).toBeGreaterThan(snapshot.id);
      expect(change.id).toBe(String(event.id));
    } finally {
      await deleteJob(name);
      c.close();
    }
  });

  it('narrows the job stream to one job for its detail page: its row only, none of the others', async () => {
    const alice = { Authorization: `Bearer ${userToken('alice')}` };
    const watched = await createOffloadedJob('int-scoped');
    const other = await createOffloadedJob('int-unscoped');
    try {
      const c = await connectSse(`${server().url}/api/events?kinds=job&job=alice/${watched}`, alice);
      open.push(c);
      expect(c.status).toBe(200);
      const snapshot = JSON.parse((await c.next(isSnapshot)).data) as SnapshotMessage<{ name: string }>;
      expect(snapshot.items.map((r) => r.name).filter((n) => n !== watched)).toEqual([]);
      // Both jobs change as they are scheduled and run; only the watched one's messages come.
      const seen: string[] = [];
      await c.next((m) => {
        const e = JSON.parse(m.data) as WatchEvent<{ name: string }>;
        seen.push(e.object.name);
        return e.object.name === watched;
      }, 60_000);
      await deleteJob(other);
      await new Promise((r) => setTimeout(r, 3_000));
      for (;;) {
        const m = await c.next(() => true, 500).catch(() => null);
        if (m === null) break;
        seen.push((JSON.parse(m.data) as WatchEvent<{ name: string }>).object.name);
      }
      expect(seen.filter((n) => n !== watched)).toEqual([]);
      c.close();
    } finally {
      await deleteJob(watched);
      await deleteJob(other);
    }
  });

  it('gives a reconnecting client a fresh snapshot', async () => {
    const first = await connect();
    const a = JSON.parse((await first.next(isSnapshot)).data) as SnapshotMessage<NodeView>;
    first.close();
    const second = await connect();
    const b = JSON.parse((await second.next(isSnapshot)).data) as SnapshotMessage<NodeView>;
    expect(b.id).toBeGreaterThanOrEqual(a.id);
    expect(b.items.map((n) => n.name).sort()).toEqual(a.items.map((n) => n.name).sort());
    second.close();
  });

  it('lets go of a client that went away', async () => {
    const clients = await Promise.all([connect(), connect(), connect()]);
    await Promise.all(clients.map((c) => c.next(isSnapshot)));
    const during = await sseClients();
    expect(during).toBeGreaterThanOrEqual(3);
    clients.forEach((c) => c.close());
    // The next heartbeat (1 s here) at the latest notices the closed connection.
    await expect.poll(sseClients, { timeout: 5_000 }).toBe(during - 3);
  });

  it('streams for a bearer token, and refuses a bad one with 401 JSON', async () => {
    const ok = await connect({ Authorization: `Bearer ${userToken('alice')}` });
    expect(ok.status).toBe(200);
    const snapshot = JSON.parse((await ok.next(isSnapshot)).data) as SnapshotMessage<NodeView>;
    expect(snapshot.items.every((n) => n.jobs === null)).toBe(true);
    ok.close();
    const bad = await fetch(`${server().url}/api/events`, { headers: { Authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(ApiErrorBodySchema.parse(await bad.json()).error.code).toBe('unauthorized');
  });

  it('refuses an unknown kind with 422 naming the field', async () => {
    const response = await fetch(`${server().url}/api/events?kinds=node,bogus`, {
      headers: { Authorization: `Bearer ${userToken('admin')}` },
    });
    expect(response.status).toBe(422);
    const body = ApiErrorBodySchema.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'invalid', field: 'kinds.1' });
  });
});
