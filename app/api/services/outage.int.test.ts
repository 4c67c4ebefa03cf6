import { afterAll, describe, expect, it } from 'vitest';

import { kubectl, kubectlOk, lab, uniqueName, waitFor } from '../../../scripts/lib/lab-commands.ts';
import { apiClient } from '../../../scripts/lib/api-client.ts';
import { userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';
import { testService } from '../../../scripts/lib/test-service.ts';

// Submissions when the cluster cannot take them, and submissions sent twice (issue #18): a
// clear 503 while the API server is down and nothing left behind, and one Job per
// Idempotency-Key however often it is sent.

const server = withOffloadServer();
const call = apiClient(() => server().url);
const services: string[] = [];

afterAll(async () => {
  await lab(['start', 'apiserver']);
  for (const s of services) {
    await kubectl('admin', [
      '-n',
      'alice',
      'delete',
      'job,configmap,secret',
      '-l',
      `oscar_service=${s}`,
      '--ignore-not-found',
      '--wait=false',
    ]);
    await kubectl('admin', ['-n', 'alice', 'delete', 'configmap,secret', `offload-svc-${s}`, '--ignore-not-found', '--wait=false']);
  }
});

async function service(prefix: string): Promise<string> {
  const name = uniqueName(prefix).slice(0, 30);
  services.push(name);
  const r = await call('alice', 'POST', '/api/services', testService(name, 'alice'));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return name;
}

function run(name: string, key?: string, user: 'alice' | 'bob' = 'alice'): Promise<Response> {
  return fetch(`${server().url}/api/services/alice/${name}/jobs`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${userToken(user)}`,
      'Content-Type': 'application/json',
      ...(key !== undefined && { 'Idempotency-Key': key }),
    },
    body: '{}',
    signal: AbortSignal.timeout(60_000),
  });
}

const jobsOf = async (name: string) =>
  (await kubectlOk('admin', ['-n', 'alice', 'get', 'jobs,configmaps,secrets', '-l', `oscar_service=${name}`, '-o', 'name']))
    .split('\n')
    .filter((l) => l !== '');

describe('a run sent again with the same Idempotency-Key', () => {
  it('makes one Job, and answers the repeat with it', async () => {
    const name = await service('idem');
    const key = crypto.randomUUID();
    const first = await run(name, key);
    expect(first.status).toBe(201);
    const job = ((await first.json()) as { name: string }).name;
    const again = await run(name, key);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { name: string }).name).toBe(job);
    expect((await jobsOf(name)).filter((o) => o.startsWith('job'))).toEqual([`job.batch/${job}`]);
    // Another key is another run.
    expect((await run(name, crypto.randomUUID())).status).toBe(201);
  });

  it('refuses a key that is not one, naming the header', async () => {
    const name = await service('idem-bad');
    const r = await run(name, 'a key with spaces');
    expect(r.status).toBe(422);
    expect(JSON.stringify(await r.json())).toMatch(/Idempotency-Key/);
  });
});

describe('a run while the API server is down', () => {
  it('is refused with 503 and a sentence, soon, and leaves nothing behind', async () => {
    const name = await service('outage');
    expect((await lab(['stop', 'apiserver'])).code).toBe(0);
    try {
      const t0 = Date.now();
      const r = await run(name, crypto.randomUUID());
      const body = JSON.stringify(await r.json());
      expect(r.status, body).toBe(503);
      expect(body).toMatch(/API server|cluster/);
      expect(Date.now() - t0).toBeLessThan(30_000);
    } finally {
      expect((await lab(['start', 'apiserver'])).code).toBe(0);
    }
    await waitFor('the API server', 120_000, async () =>
      (await kubectl('admin', ['get', '--raw', '/readyz'])).code === 0 ? true : undefined,
    );
    await waitFor('Offload to be ready again', 120_000, async () => ((await fetch(`${server().url}/api/readyz`)).ok ? true : undefined));
    expect(await jobsOf(name)).toEqual([]);
  });
});
