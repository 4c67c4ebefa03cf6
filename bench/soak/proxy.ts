// Two Offload replicas behind one address, as a Kubernetes Service puts them: a TCP
// round-robin over the backends that pass their readiness probe (/api/readyz, as the chart's
// readinessProbe), skipping one that refuses connections. When none is ready (the API server
// is down: then nothing can update a Service's endpoints either, so they stay as they were),
// every live backend is used. Loopback only.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Proxy {
  url: string;
  /** Connections handed to each backend port so far. */
  counts: () => Record<number, number>;
  close: () => Promise<void>;
}

export async function startProxy(backends: readonly number[]): Promise<Proxy> {
  let next = 0;
  const counts: Record<number, number> = {};
  const ready = new Set<number>(backends);
  const probe = setInterval(() => {
    for (const port of backends) {
      void fetch(`http://127.0.0.1:${port}/api/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => (r.ok ? ready.add(port) : ready.delete(port)),
        () => ready.delete(port),
      );
    }
  }, 500);
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const candidates = ready.size > 0 ? backends.filter((p) => ready.has(p)) : backends;
    const tryBackend = (attempt: number) => {
      if (attempt >= candidates.length) return void client.destroy();
      const port = candidates[next++ % candidates.length] as number;
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('error', () => {
        // Not yet connected: this backend is down, the next one may answer (as a Service's
        // endpoints drop a dead pod). Once connected, an error ends both sides.
        if (!connected) tryBackend(attempt + 1);
        else client.destroy();
      });
      upstream.once('connect', () => {
        connected = true;
        counts[port] = (counts[port] ?? 0) + 1;
        open.add(upstream);
        upstream.once('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((done) => {
        clearInterval(probe);
        for (const s of open) s.destroy();
        server.close(() => done());
      }),
  };
}
