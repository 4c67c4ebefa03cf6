import { afterAll, describe, expect, it } from 'vitest';

import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { ServiceListSchema, ServiceRecordSchema } from '@/lib/api/services';
import { kubectl, uniqueName } from '../../../scripts/lib/lab-commands.ts';
import { apiClient } from '../../../scripts/lib/api-client.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';
import { testService } from '../../../scripts/lib/test-service.ts';

// The service store through the production server against the lab: validation before
// anything is written, RBAC of the caller's own identity, and conflicts on stale writes.

const server = withOffloadServer();
const call = apiClient(() => server().url);
const created: Array<{ ns: string; name: string }> = [];

afterAll(async () => {
  for (const { ns, name } of created)
    await kubectl('admin', ['-n', ns, 'delete', 'cm,secret', `offload-svc-${name}`, '--ignore-not-found', '--wait=false']);
});

function service(name: string, ns = 'alice', extra: Record<string, unknown> = {}) {
  created.push({ ns, name });
  return testService(name, ns, { script: 'echo hello\n', ...extra });
}

/** Whether the ConfigMap (or a Secret) of a service exists, asked of the API server as admin. */
async function stored(kind: 'cm' | 'secret', ns: string, name: string): Promise<boolean> {
  const r = await kubectl('admin', ['-n', ns, 'get', kind, '-l', `offload.io/service=${name}`, '-o', 'name']);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout.trim() !== '';
}

const hostile: Array<[string, Record<string, unknown>, string]> = [
  [
    'a newline in the flags',
    { annotations: { 'slurm-job.vk.io/flags': '--time=01:00:00\n--mem=1G' } },
    'annotations.slurm-job.vk.io/flags',
  ],
  [
    '#SBATCH in the pre-exec',
    { annotations: { 'slurm-job.vk.io/pre-exec': 'echo hi\n#SBATCH --mem=1\n' } },
    'annotations.slurm-job.vk.io/pre-exec',
  ],
  [
    '--output= in the flags',
    { annotations: { 'slurm-job.vk.io/flags': '--mem=1G --output=/tmp/x.out' } },
    'annotations.slurm-job.vk.io/flags.extra:output',
  ],
  [
    'quotes in the mounts',
    { annotations: { 'slurm-job.vk.io/singularity-mounts': '--bind "/data:/exp_data"' } },
    'annotations.slurm-job.vk.io/singularity-mounts.0.hostPath',
  ],
  [
    'a relative bind path',
    { annotations: { 'job.vk.io/singularity-mounts': '--bind data:/exp_data' } },
    'annotations.job.vk.io/singularity-mounts.0.hostPath',
  ],
  ['NUL in an environment value', { environment: { variables: { GREETING: 'a\u0000b' } } }, 'environment.variables.GREETING'],
  ['NUL in a secret', { environment: { secrets: { TOKEN: '\u0000' } } }, 'environment.secrets.TOKEN'],
];

describe('POST /api/services refuses hostile payloads with 422 and stores nothing', () => {
  it.each(hostile)('%s', async (_what, extra, field) => {
    const name = uniqueName('hostile');
    const answer = await call('alice', 'POST', '/api/services', service(name, 'alice', extra));
    expect(answer.status).toBe(422);
    const body = ApiErrorBodySchema.parse(answer.body);
    expect(body.error).toMatchObject({ code: 'invalid', field });
    expect(body.error.message).toMatch(/^.+\.$/);
    expect(await stored('cm', 'alice', name)).toBe(false);
    expect(await stored('secret', 'alice', name)).toBe(false);
  });

  it('a bad name', async () => {
    const answer = await call('alice', 'POST', '/api/services', service('Bad_Name'));
    expect(answer.status).toBe(422);
    expect(ApiErrorBodySchema.parse(answer.body).error.field).toBe('name');
    const list = ServiceListSchema.parse((await call('alice', 'GET', '/api/services?namespace=alice')).body);
    expect(list.services.map((s) => s.name)).not.toContain('Bad_Name');
  });
});

describe('the caller’s own identity decides', () => {
  it('alice can neither create nor read services in bob (403)', async () => {
    const name = uniqueName('bobs');
    expect((await call('bob', 'POST', '/api/services', service(name, 'bob'))).status).toBe(201);
    const create = await call('alice', 'POST', '/api/services', service(uniqueName('intruder'), 'bob'));
    expect(create.status).toBe(403);
    expect(ApiErrorBodySchema.parse(create.body).error.code).toBe('forbidden');
    expect((await call('alice', 'GET', `/api/services/bob/${name}`)).status).toBe(403);
    expect((await call('alice', 'GET', '/api/services?namespace=bob')).status).toBe(403);
    expect((await call('alice', 'PUT', `/api/services/bob/${name}`, { ...service(name, 'bob'), resourceVersion: '1' })).status).toBe(403);
    expect((await call('alice', 'DELETE', `/api/services/bob/${name}`)).status).toBe(403);
    expect((await call('alice', 'POST', `/api/services/bob/${name}/jobs`, {})).status).toBe(403);
    expect(await stored('cm', 'bob', name)).toBe(true);
  });
});

describe('stored in the cluster', () => {
  it('keeps typed values exactly, secrets in a Secret, and answers a stale PUT with 409', async () => {
    const name = uniqueName('store');
    const variables = { QUOTED: `it's "quoted"`, HOME_REF: '$HOME/x', MULTI: 'line 1\nline 2', EMOJI: 'ünïcode 🚀' };
    const first = await call(
      'alice',
      'POST',
      '/api/services',
      service(name, 'alice', { environment: { variables, secrets: { API_KEY: 's3cr3t "x" $y' } } }),
    );
    expect(first.status).toBe(201);
    const v1 = ServiceRecordSchema.parse(first.body);
    expect(v1.environment).toEqual({ variables, secrets: { API_KEY: 's3cr3t "x" $y' } });

    // Readable with kubectl, labelled, and without the secret value.
    const cm = await kubectl('admin', ['-n', 'alice', 'get', 'cm', '-l', `offload.io/service=${name}`, '-o', 'json']);
    expect(cm.stdout).toContain('"app.kubernetes.io/managed-by": "offload"');
    expect(cm.stdout).not.toContain('s3cr3t');
    expect(await stored('secret', 'alice', name)).toBe(true);

    const read = ServiceRecordSchema.parse((await call('alice', 'GET', `/api/services/alice/${name}`)).body);
    expect(read).toEqual(v1);

    const edited = await call('alice', 'PUT', `/api/services/alice/${name}`, { ...read, image: 'docker://alpine:3.21' });
    expect(edited.status).toBe(200);
    const v2 = ServiceRecordSchema.parse(edited.body);
    expect(v2.resourceVersion).not.toBe(v1.resourceVersion);

    // A second editor still holding v1 loses, with a sentence, and changes nothing.
    const stale = await call('alice', 'PUT', `/api/services/alice/${name}`, { ...read, image: 'docker://busybox:1', environment: {} });
    expect(stale.status).toBe(409);
    expect(ApiErrorBodySchema.parse(stale.body).error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed since you read it.*\.$/),
    });
    const after = ServiceRecordSchema.parse((await call('alice', 'GET', `/api/services/alice/${name}`)).body);
    expect(after).toEqual(v2);
    expect(after.environment?.secrets).toEqual({ API_KEY: 's3cr3t "x" $y' });

    expect((await call('alice', 'PUT', `/api/services/alice/${name}`, { ...read, name: 'other' })).status).toBe(422);
    expect((await call('alice', 'POST', '/api/services', service(name))).status).toBe(409);

    const listed = ServiceListSchema.parse((await call('alice', 'GET', '/api/services?namespace=alice')).body);
    expect(listed.services.find((s) => s.name === name)).toMatchObject({ image: 'docker://alpine:3.21', target: 'vega-vk', problem: null });

    expect((await call('alice', 'DELETE', `/api/services/alice/${name}`)).status).toBe(204);
    expect((await call('alice', 'GET', `/api/services/alice/${name}`)).status).toBe(404);
    expect(await stored('cm', 'alice', name)).toBe(false);
    expect(await stored('secret', 'alice', name)).toBe(false);
  });
});
