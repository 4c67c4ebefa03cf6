import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { LAB_KUBECONFIG, freePort } from '../../../scripts/lib/offload-server.ts';
import { userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// Health, readiness and metrics of the production server: against the lab, and against a
// cluster that cannot be reached.

describe('against the lab', () => {
  const server = withOffloadServer();

  it('is live and ready once every kind is synced', async () => {
    expect((await fetch(`${server().url}/api/healthz`)).status).toBe(200);
    const response = await fetch(`${server().url}/api/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: Array<{ kind: string; synced: boolean }> };
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => c.kind).sort()).toEqual(['events', 'jobs', 'nodes', 'pods']);
    expect(body.checks.every((c) => c.synced)).toBe(true);
  });

  it('exposes Prometheus metrics by route and status, watch restarts and SSE clients, on the metrics port only', async () => {
    await fetch(`${server().url}/api/nodes`, { headers: { Authorization: `Bearer ${userToken('admin')}` } });
    // The web port, which the Ingress routes, does not serve them; the metrics port serves nothing else.
    expect((await fetch(`${server().url}/metrics`)).status).toBe(404);
    expect((await fetch(server().metricsUrl.replace('/metrics', '/api/healthz'))).status).toBe(404);
    const response = await fetch(server().metricsUrl);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^offload_http_requests_total\{route="\/api\/nodes",method="GET",status="200"\} \d+$/m);
    expect(text).toMatch(
      /^offload_http_request_duration_seconds_bucket\{route="\/api\/nodes",method="GET",status="200",le="\+Inf"\} \d+$/m,
    );
    expect(text).toMatch(/^offload_watch_restarts_total\{kind="pods",reason="error"\} \d+$/m);
    expect(text).toMatch(/^offload_sse_clients 0$/m);
    expect(text).toMatch(/^offload_cluster_reachable 1$/m);
  });

  it('logs one JSON object per line', () => {
    const lines = server()
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('msg');
  });
});

describe('against an unreachable cluster', () => {
  const server = withOffloadServer(async () => {
    // The lab's credentials, pointed at a port where nothing listens.
    const closedPort = await freePort();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'offload-unreachable-')), 'kubeconfig');
    writeFileSync(
      kubeconfig,
      readFileSync(LAB_KUBECONFIG, 'utf8').replace(/server: https:\/\/[^\s]+/, `server: https://127.0.0.1:${closedPort}`),
    );
    // Sign-in off (a single user's local dashboard): the cluster's answer alone decides.
    return { kubeconfig, waitFor: 'healthz', env: { OFFLOAD_AUTH: 'none' } };
  });

  it('is live but not ready, and says why', async () => {
    expect((await fetch(`${server().url}/api/healthz`)).status).toBe(200);
    const response = await fetch(`${server().url}/api/readyz`);
    expect(response.status).toBe(503);
    const body = ApiErrorBodySchema.parse(await response.json());
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/unreachable|still loading/);
  });

  it('says so in its metrics, for an alert', async () => {
    expect(await (await fetch(server().metricsUrl)).text()).toMatch(/^offload_cluster_reachable 0$/m);
  });

  it('answers /api/nodes with 503 JSON naming the cluster as unreachable', async () => {
    const response = await fetch(`${server().url}/api/nodes`);
    expect(response.status).toBe(503);
    const body = ApiErrorBodySchema.parse(await response.json());
    expect(body.error.message).toMatch(/^The cluster is unreachable, so nodes cannot be loaded .*ECONNREFUSED/);
  });
});
