import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getJson, kubectl, tempDir, uniqueName } from '../../scripts/lib/lab-commands.ts';
import { apiClient } from '../../scripts/lib/api-client.ts';
import { userToken } from '../../scripts/lib/lab.ts';
import { buildOscarTools, oscarCli } from '../../scripts/lib/oscar-cli.ts';
import { withOffloadServer } from '../../scripts/lib/vitest-server.ts';

// What happens to a service sent through the OSCAR API (docs/oscar.md "What happens to an
// FDL's keys"): kept, ignored, or refused with OSCAR's 400 naming the key, never silently
// changing what runs; and who its token lets run what.

const server = withOffloadServer();
const call = apiClient(() => server().url);
const cwd = tempDir('offload-oscar-services-');
const config = path.join(cwd, 'oscar-cli.yaml');
const created: string[] = [];
const basic = (user: 'alice' | 'bob') => `Basic ${Buffer.from(`${user}:${userToken(user)}`).toString('base64')}`;

function name(prefix: string): string {
  const n = uniqueName(prefix);
  created.push(n);
  return n;
}

beforeAll(async () => {
  await buildOscarTools();
  writeFileSync(path.join(cwd, 'run.sh'), 'echo "$GREETING"\n');
  expect((await oscarCli(['cluster', 'add', 'offload', `${server().url}/oscar`, 'alice', userToken('alice')], { cwd, config })).code).toBe(
    0,
  );
}, 30 * 60_000);

afterAll(async () => {
  for (const n of created) {
    await kubectl('admin', ['-n', 'alice', 'delete', 'cm,secret', `offload-svc-${n}`, '--ignore-not-found']);
    await kubectl('admin', ['-n', 'alice', 'delete', 'jobs', '-l', `oscar_service=${n}`, '--ignore-not-found', '--wait=false']);
  }
});

/** An FDL for vega-vk with `extra` YAML lines in the service, applied with oscar-cli. */
async function apply(service: string, extra: string[]) {
  const fdl = [
    'functions:',
    '  oscar:',
    '    - offload:',
    `        name: ${service}`,
    '        image: docker://alpine:3.20',
    '        script: run.sh',
    '        interlink_node_name: vega-vk',
    ...extra.map((l) => `        ${l}`),
  ].join('\n');
  const file = path.join(cwd, `${service}.yaml`);
  writeFileSync(file, `${fdl}\n`);
  return oscarCli(['apply', file], { cwd, config });
}

const stored = (service: string) => call<Record<string, unknown>>('alice', 'GET', `/api/services/alice/${service}`);
const oscar = (method: string, p: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${server().url}/oscar/${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
const minimal = (service: string) => ({
  name: service,
  image: 'docker://alpine:3.20',
  script: 'echo hi\n',
  interlink_node_name: 'vega-vk',
});

describe('a service through the OSCAR API', () => {
  it('is refused when it sets an OSCAR feature Offload does not have, naming it, and nothing is stored', async () => {
    const service = name('sgx');
    const r = await apply(service, ['enable_sgx: true']);
    expect([r.code, r.stderr.trim()]).toEqual([
      1,
      'Error: The service specification is not valid: enable_sgx: is not supported by Offload (in ' +
        'OSCAR it runs the container with Intel SGX (SCONE)); leave it out or at its default.',
    ]);
    expect((await stored(service)).status).toBe(404);
  });

  it("is refused with OSCAR's 400 naming the field when Offload's rules refuse it", async () => {
    const service = name('output');
    const r = await apply(service, ['annotations:', '  slurm-job.vk.io/flags: --time=00:05:00 --output=/tmp/out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: The service specification is not valid: annotations\.slurm-job\.vk\.io\/flags\.extra:output: --output is not allowed/,
    );
    const answer = await oscar('POST', 'system/services', { Authorization: basic('alice') }, { ...minimal(service), name: 'Not_A_Name' });
    expect([answer.status, answer.headers.get('content-type')]).toEqual([400, 'text/plain; charset=utf-8']);
    expect(await answer.text()).toMatch(/^The service specification is not valid: name: 'Not_A_Name' must be lower-case letters/);
    expect((await stored(service)).status).toBe(404);
  });

  it('refuses a key no OSCAR service has, and a body that is not JSON', async () => {
    const service = name('unknown');
    const answer = await oscar(
      'POST',
      'system/services',
      { Authorization: basic('alice') },
      { ...minimal(service), isolation_level: 'user' },
    );
    expect([answer.status, await answer.text()]).toEqual([
      400,
      'The service specification is not valid: isolation_level: is not a key of an OSCAR service; ' +
        'Offload refuses it rather than ignore it.',
    ]);
    const garbled = await fetch(`${server().url}/oscar/system/services`, {
      method: 'POST',
      headers: { Authorization: basic('alice') },
      body: '{"name":',
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toMatch(/^The service specification is not valid: the body is not JSON/);
    expect((await stored(service)).status).toBe(404);
  });

  it('never stores the password oscar-cli puts in `clusters`, nor the other keys it fills in', async () => {
    const service = name('cli-keys');
    expect((await apply(service, [])).code).toBe(0);
    const cm = await getJson<{ data: Record<string, string> }>('admin', ['-n', 'alice', 'get', 'cm', `offload-svc-${service}`]);
    expect(JSON.stringify(cm.data)).not.toContain(userToken('alice'));
    const keys = Object.keys(JSON.parse(cm.data['service.json'] ?? '{}') as object);
    for (const key of ['clusters', 'cluster_id', 'storage_providers', 'token', 'owner', 'expose']) expect(keys).not.toContain(key);
  });

  it('loses what oscar-cli 1.12.2 itself drops from an FDL, as the page warns (lower-case variables)', async () => {
    const service = name('lower');
    expect((await apply(service, ['environment:', '  variables:', '    GREETING: lost'])).code).toBe(0);
    expect((await stored(service)).body).toMatchObject({ environment: { variables: {} } });
  });

  it("carries a stated cpu and memory into the Slurm flags when they do not say, as OSCAR's limits would reach Slurm", async () => {
    const service = name('resources');
    expect((await apply(service, ['memory: 4Gi', 'cpu: "3.0"', 'annotations:', '  slurm-job.vk.io/flags: --time=00:05:00'])).code).toBe(0);
    expect((await stored(service)).body).toMatchObject({
      memory: '4Gi',
      cpu: '3.0',
      annotations: { 'slurm-job.vk.io/flags': '--time=00:05:00 --cpus-per-task=3 --mem=4096M' },
    });
  });

  it('is replaced by a later apply, keeping the secrets stored in Offload', async () => {
    const service = name('secrets');
    const post = await call('alice', 'POST', '/api/services', {
      ...minimal(service),
      namespace: 'alice',
      environment: { variables: { A: '1' }, secrets: { TOKEN: 's3cr3t' } },
    });
    expect(post.status).toBe(201);
    expect((await apply(service, ['environment:', '  Variables:', '    GREETING: applied'])).code).toBe(0);
    expect((await stored(service)).body).toMatchObject({
      script: 'echo "$GREETING"\n',
      environment: { variables: { GREETING: 'applied' }, secrets: { TOKEN: 's3cr3t' } },
    });
  });

  it("gives a token that runs only that service's jobs, as its caller", async () => {
    const [one, two] = [name('token-a'), name('token-b')];
    for (const s of [one, two])
      expect((await oscar('POST', 'system/services', { Authorization: basic('alice') }, minimal(s))).status).toBe(201);
    const got = (await (await oscar('GET', `system/services/${one}`, { Authorization: basic('alice') })).json()) as { token: string };
    const bearer = { Authorization: `Bearer ${got.token}` };
    expect((await oscar('POST', `job/${one}`, bearer, 'input')).status).toBe(201);
    const [job] = (
      await getJson<{ items: Array<{ metadata: { labels: Record<string, string> } }> }>('admin', [
        '-n',
        'alice',
        'get',
        'jobs',
        '-l',
        `oscar_service=${one}`,
      ])
    ).items;
    expect(job?.metadata.labels['oscar.grycap/job-owner']).toBe('alice');
    const other = await oscar('POST', `job/${two}`, bearer, 'input');
    expect([other.status, await other.text()]).toEqual([401, `This token is for service ${one} in namespace alice.`]);
    expect((await oscar('GET', 'system/services', bearer)).status).toBe(401);
    expect((await oscar('POST', `job/${one}`, { Authorization: `Bearer ${got.token.slice(0, -2)}xx` }, 'input')).status).toBe(401);
    expect((await oscar('POST', `namespaces/bob/job/${one}`, bearer, 'input')).status).toBe(401);
  });

  it("refuses a change asked for by another site's page", async () => {
    const service = name('origin');
    const answer = await oscar(
      'POST',
      'system/services',
      { Authorization: basic('alice'), Origin: 'https://elsewhere.example' },
      minimal(service),
    );
    expect([answer.status, await answer.text()]).toEqual([403, 'Requests from https://elsewhere.example may not change anything here.']);
    expect((await stored(service)).status).toBe(404);
  });

  it("answers 404 for a path OSCAR's API does not have", async () => {
    const answer = await oscar('GET', 'system/nothing', { Authorization: basic('alice') });
    expect([answer.status, await answer.text()]).toEqual([404, "OSCAR's API has no GET /oscar/system/nothing."]);
  });
});
