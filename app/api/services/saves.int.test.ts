import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { ServiceRecordSchema, type ServiceRecord } from '@/lib/api/services';
import { getJson, kubectl, kubectlOk, uniqueName } from '../../../scripts/lib/lab-commands.ts';
import { apiClient, apiFetchAs } from '../../../scripts/lib/api-client.ts';
import { removeServiceAccount, serviceAccountWith } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';

// A service is a ConfigMap and a Secret; saves that race, fail half-way or are replaced
// under a reader never leave or serve the definition of one save with the secrets of
// another, and a delete happens only at the version it was asked for.

// Enough requests a second for two writers and a reader sharing alice's token.
const server = withOffloadServer(() => ({ env: { OFFLOAD_RATE_LIMIT_PER_TOKEN: '1000' } }));
const call = apiClient(() => server().url);
const created: string[] = [];
const ACCOUNT = 'offload-test-no-secret-writes';
let noSecretWrites = '';

beforeAll(async () => {
  // May read and write ConfigMaps in alice, but only read Secrets.
  noSecretWrites = await serviceAccountWith(ACCOUNT, 'alice', [
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
  ]);
});

afterAll(async () => {
  for (const name of created)
    await kubectl('admin', [
      '-n',
      'alice',
      'delete',
      'cm,secret',
      '-l',
      `offload.io/service=${name}`,
      '--ignore-not-found',
      '--wait=false',
    ]);
  await removeServiceAccount(ACCOUNT, 'alice');
});

/** A service whose image tag and secret say which save wrote them. */
function service(name: string, save: string) {
  return {
    name,
    namespace: 'alice',
    image: `docker://alpine:${save}`,
    script: 'echo hello\n',
    interlink_node_name: 'vega-vk',
    environment: { variables: { SAVE: save }, secrets: { TOKEN: `secret of ${save}` } },
  };
}

async function create(save = 'v0'): Promise<{ name: string; record: ServiceRecord }> {
  const name = uniqueName('saves');
  created.push(name);
  const answer = await call('alice', 'POST', '/api/services', service(name, save));
  expect(answer.status).toBe(201);
  return { name, record: ServiceRecordSchema.parse(answer.body) };
}

/** Which save the definition and the secrets come from; both must say the same. */
const saveOf = (r: ServiceRecord) => ({
  image: r.image.replace('docker://alpine:', ''),
  secret: r.environment?.secrets?.TOKEN?.replace('secret of ', ''),
});

interface Stored {
  metadata: { name: string; resourceVersion: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
}

/** What the cluster holds for the service, read as admin. */
async function inCluster(name: string) {
  const cm = await getJson<Stored>('admin', ['-n', 'alice', 'get', 'cm', `offload-svc-${name}`]);
  const secrets = (await getJson<{ items: Stored[] }>('admin', ['-n', 'alice', 'get', 'secret', '-l', `offload.io/service=${name}`])).items;
  return { cm, secrets };
}

describe('saves of one service', () => {
  it('two racing saves from the same version: one wins, the other gets 409, and the cluster holds exactly the winner', async () => {
    const { name, record } = await create();
    const [a, b] = await Promise.all(
      ['a', 'b'].map((save) =>
        call('alice', 'PUT', `/api/services/alice/${name}`, { ...service(name, save), resourceVersion: record.resourceVersion }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const winner = a?.status === 200 ? 'a' : 'b';
    expect(ApiErrorBodySchema.parse((a?.status === 409 ? a : b)?.body).error.message).toMatch(
      /changed since you read it; nothing was saved/,
    );
    const read = ServiceRecordSchema.parse((await call('alice', 'GET', `/api/services/alice/${name}`)).body);
    expect(saveOf(read)).toEqual({ image: winner, secret: winner });
    const { cm, secrets } = await inCluster(name);
    expect(secrets).toHaveLength(1);
    expect(secrets[0]?.metadata.annotations?.['offload.io/revision']).toBe(cm.metadata.annotations?.['offload.io/revision']);
    expect(Buffer.from(secrets[0]?.data?.TOKEN ?? '', 'base64').toString()).toBe(`secret of ${winner}`);
  });

  it('saves that keep overlapping: no read ever answers one save with the secrets of another', async () => {
    const { name } = await create();
    const mixed: string[] = [];
    const check = (r: ServiceRecord) => {
      const s = saveOf(r);
      if (s.image !== s.secret) mixed.push(`${s.image} with the secrets of ${s.secret}`);
    };
    let saving = true;
    const writer = async (who: string) => {
      let saved = 0;
      for (let i = 0; saved < 25 && i < 200; i++) {
        const read = ServiceRecordSchema.parse((await call('alice', 'GET', `/api/services/alice/${name}`)).body);
        check(read);
        const put = await call('alice', 'PUT', `/api/services/alice/${name}`, {
          ...service(name, `${who}${i}`),
          resourceVersion: read.resourceVersion,
        });
        if (put.status === 200) saved++;
        else expect(put.status).toBe(409);
      }
    };
    const reader = async () => {
      let reads = 0;
      while (saving) {
        const answer = await call('alice', 'GET', `/api/services/alice/${name}`);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        check(ServiceRecordSchema.parse(answer.body));
        reads++;
      }
      return reads;
    };
    const reading = [reader(), reader()];
    await Promise.all([writer('a'), writer('b')]);
    saving = false;
    expect((await Promise.all(reading)).reduce((x, y) => x + y)).toBeGreaterThan(20);
    expect(mixed).toEqual([]);
    // Every earlier save's Secret is gone: one Secret, of the save the ConfigMap holds.
    const { cm, secrets } = await inCluster(name);
    expect(secrets.map((s) => s.metadata.annotations?.['offload.io/revision'])).toEqual([cm.metadata.annotations?.['offload.io/revision']]);
  });

  it('a save whose Secret cannot be written changes nothing', async () => {
    const { name, record } = await create();
    const answer = await apiFetchAs(server().url, noSecretWrites, 'PUT', `/api/services/alice/${name}`, {
      ...service(name, 'half'),
      resourceVersion: record.resourceVersion,
    });
    expect(answer.status).toBe(403);
    const read = ServiceRecordSchema.parse((await call('alice', 'GET', `/api/services/alice/${name}`)).body);
    expect(saveOf(read)).toEqual({ image: 'v0', secret: 'v0' });
    expect(read.resourceVersion).toBe(record.resourceVersion);
  });

  it('refuses to serve a definition with the secrets of another save, as a service saved before this release keeps them', async () => {
    const name = uniqueName('saves-legacy');
    created.push(name);
    const labels = { 'offload.io/service': name, 'app.kubernetes.io/managed-by': 'offload' };
    const json = JSON.stringify({
      name,
      namespace: 'alice',
      image: 'docker://alpine:v1',
      script: 'echo hello\n',
      interlink_node_name: 'vega-vk',
      environment: { variables: {} },
    });
    const objects = (secretRevision: string) => ({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `offload-svc-${name}`, namespace: 'alice', labels, annotations: { 'offload.io/revision': 'r1' } },
          data: { 'service.json': json },
        },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: `offload-svc-${name}`, namespace: 'alice', labels, annotations: { 'offload.io/revision': secretRevision } },
          stringData: { TOKEN: `secret of ${secretRevision}` },
        },
      ],
    });
    await kubectlOk('alice', ['apply', '-f', '-'], JSON.stringify(objects('r1')));
    const whole = await call('alice', 'GET', `/api/services/alice/${name}`);
    expect(whole.status).toBe(200);
    expect(ServiceRecordSchema.parse(whole.body).environment?.secrets).toEqual({ TOKEN: 'secret of r1' });
    // A save that wrote its definition but not its secrets (what the store did before).
    await kubectlOk('alice', ['apply', '-f', '-'], JSON.stringify(objects('r0')));
    const mixed = await call('alice', 'GET', `/api/services/alice/${name}`);
    expect(mixed.status).toBe(409);
    expect(ApiErrorBodySchema.parse(mixed.body).error.message).toMatch(
      /are from another save than its definition \(revision r0, not r1\); Offload will not mix them/,
    );
  });

  it('deletes only at the version asked for', async () => {
    const { name, record } = await create();
    const edited = ServiceRecordSchema.parse(
      (await call('alice', 'PUT', `/api/services/alice/${name}`, { ...service(name, 'v1'), resourceVersion: record.resourceVersion })).body,
    );
    const stale = await call('alice', 'DELETE', `/api/services/alice/${name}?resourceVersion=${record.resourceVersion}`);
    expect(stale.status).toBe(409);
    expect(ApiErrorBodySchema.parse(stale.body).error.message).toMatch(/changed since you read it; nothing was deleted/);
    expect((await call('alice', 'GET', `/api/services/alice/${name}`)).status).toBe(200);
    expect((await call('alice', 'DELETE', `/api/services/alice/${name}?resourceVersion=${edited.resourceVersion}`)).status).toBe(204);
    expect((await call('alice', 'GET', `/api/services/alice/${name}`)).status).toBe(404);
    const secrets = await getJson<{ items: unknown[] }>('admin', ['-n', 'alice', 'get', 'secret', '-l', `offload.io/service=${name}`]);
    expect(secrets.items).toEqual([]);
  });
});
