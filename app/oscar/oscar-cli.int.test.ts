import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JobDetailResponseSchema } from '@/lib/api/job-detail';
import { JobsResponseSchema, type JobViewDto } from '@/lib/api/jobs';
import { base64Utf8 } from '@/lib/interlink/model/base64';
import { getJson, kubectl, slurmJob, waitFor } from '../../scripts/lib/lab-commands.ts';
import { apiClient } from '../../scripts/lib/api-client.ts';
import { userToken } from '../../scripts/lib/lab.ts';
import { buildOscarTools, docBlocks, docWorkdir, oscarCli, oscarCliLine } from '../../scripts/lib/oscar-cli.ts';
import { withOffloadServer } from '../../scripts/lib/vitest-server.ts';

// The real oscar-cli 1.12.2 against Offload on the lab, running docs/oscar.md's commands as
// the page writes them, each step also checked through Offload's own API.

const SERVICE = 'hello-interlink';
const server = withOffloadServer();
const call = apiClient(() => server().url);
const blocks = docBlocks();
let dir = '';
const configOf = (who: string) => path.join(dir, `oscar-cli-${who}.yaml`);

async function cleanUp(): Promise<void> {
  await kubectl('admin', ['-n', 'alice', 'delete', 'cm,secret', `offload-svc-${SERVICE}`, '--ignore-not-found']);
  await kubectl('admin', ['-n', 'alice', 'delete', 'jobs', '-l', `oscar_service=${SERVICE}`, '--ignore-not-found', '--wait=false']);
}

beforeAll(async () => {
  await buildOscarTools();
  await cleanUp();
  dir = docWorkdir(blocks);
}, 30 * 60_000);
afterAll(cleanUp);

/** The page's one command of `who` that starts `oscar-cli <words>`, run as written. */
function line(who: string, words: string): string {
  const found = (blocks.commands[who] ?? []).filter((l) => l.startsWith(`oscar-cli ${words}`));
  expect(found, `docs/oscar.md: one "oscar-cli ${words}" for ${who}`).toHaveLength(1);
  return found[0] ?? '';
}
const runLine = (who: string, text: string) => oscarCliLine(text, { cwd: dir, config: configOf(who), offload: server().url });
async function step(who: string, words: string): Promise<string> {
  const r = await runLine(who, line(who, words));
  expect(r.code, `${words}: ${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

const WALKTHROUGH = [
  'cluster add',
  'cluster default',
  'cluster info',
  'apply',
  'service list',
  'service get',
  'service job',
  'service logs list',
  'service logs get',
  'service run',
  'service logs remove',
  'delete',
];
const fdlService = () =>
  (parse(blocks.files[`${SERVICE}.yaml`] ?? '') as { functions: { oscar: Array<{ offload: Record<string, unknown> }> } }).functions.oscar[0]
    ?.offload ?? {};

async function serviceJobs(): Promise<JobViewDto[]> {
  const answer = await call('alice', 'GET', `/api/jobs?namespace=alice&service=${SERVICE}`);
  expect(answer.status).toBe(200);
  return JobsResponseSchema.parse(answer.body).jobs;
}
const finishedJobs = (count: number) =>
  waitFor(`${count} finished job(s) of ${SERVICE}`, 180_000, async () => {
    const jobs = await serviceJobs();
    return jobs.length === count &&
      jobs.every((j) => ['Succeeded', 'Failed', 'TimedOut', 'OutOfMemory', 'SubmissionFailed'].includes(j.state))
      ? jobs
      : undefined;
  });

describe('docs/oscar.md, run with oscar-cli against Offload', () => {
  it('has the walkthrough the tests run, in this order', () => {
    expect((blocks.commands.alice ?? []).map((l) => WALKTHROUGH.find((w) => l.startsWith(`oscar-cli ${w}`)))).toEqual(WALKTHROUGH);
    expect(Object.keys(blocks.files).sort()).toEqual(['hello-interlink.sh', 'hello-interlink.yaml', 'input.txt']);
  });

  it('cluster add stores the endpoint and alice; cluster info answers from Offload and the API server', async () => {
    await step('alice', 'cluster add');
    await step('alice', 'cluster default');
    const stored = parse(readFileSync(configOf('alice'), 'utf8')) as {
      oscar: Record<string, { endpoint: string; auth_user: string }>;
      default: string;
    };
    expect(stored).toMatchObject({ default: 'offload', oscar: { offload: { endpoint: `${server().url}/oscar`, auth_user: 'alice' } } });
    const info = parse(await step('alice', 'cluster info')) as Record<string, unknown>;
    const version = await getJson<{ serverVersion: { gitVersion: string } }>('alice', ['version']);
    expect(info).toEqual({
      version: 'offload-0.1.0',
      git_commit: '',
      architecture: expect.stringMatching(/^(amd64|arm64)$/) as unknown,
      kubernetes_version: version.serverVersion.gitVersion,
    });
  });

  it("apply stores the FDL's interLink service as an Offload service, Slurm flags and all", async () => {
    await step('alice', 'apply');
    const answer = await call<Record<string, unknown>>('alice', 'GET', `/api/services/alice/${SERVICE}`);
    expect(answer.status).toBe(200);
    const fdl = fdlService();
    expect(answer.body).toMatchObject({
      name: SERVICE,
      namespace: 'alice',
      image: fdl.image,
      interlink_node_name: 'vega-vk',
      script: blocks.files[`${SERVICE}.sh`],
      annotations: fdl.annotations,
      environment: { variables: (fdl.environment as { Variables: unknown }).Variables, secrets: {} },
      memory: '256Mi',
      cpu: '0.2',
    });
    expect(JSON.stringify(answer.body)).not.toContain(userToken('alice'));
  });

  it('service list shows it, as Offload lists it', async () => {
    expect(await step('alice', 'service list')).toMatch(new RegExp(`^${SERVICE}\\s+docker://alpine:3\\.20\\s+0\\.2\\s+256Mi$`, 'm'));
    const listed = await call<{ services: Array<{ name: string }> }>('alice', 'GET', '/api/services?namespace=alice');
    expect(listed.body.services.map((s) => s.name)).toContain(SERVICE);
  });

  it('service get returns it, with a token that is not alice’s own', async () => {
    const got = parse(await step('alice', 'service get')) as Record<string, unknown>;
    const stored = (await call<Record<string, unknown>>('alice', 'GET', `/api/services/alice/${SERVICE}`)).body;
    expect(got).toMatchObject({
      name: SERVICE,
      image: stored.image,
      script: stored.script,
      interlink_node_name: 'vega-vk',
      annotations: stored.annotations,
      environment: { Variables: (stored.environment as { variables: unknown }).variables },
    });
    expect(got.token).toMatch(/^v1\./);
    expect(String(got.token)).not.toContain(userToken('alice'));
  });

  it('service job runs it on Slurm as an offloaded job that Offload shows as made through its OSCAR API', async () => {
    await step('alice', 'service job');
    const [job] = await finishedJobs(1);
    expect(job).toMatchObject({ service: SERVICE, origin: 'offload', state: 'Succeeded', node: 'vega-vk', offloaded: true });
    expect((await slurmJob(job?.slurmJobId ?? ''))['JobState']).toBe('COMPLETED');
    const detail = JobDetailResponseSchema.parse((await call('alice', 'GET', `/api/jobs/alice/${job?.name}`)).body).detail;
    expect(detail.createdBy).toBe('oscar-api');
    expect(detail.input).toBe(base64Utf8(blocks.files['input.txt'] ?? ''));
    expect(detail.slurmAnnotations).toContainEqual({
      key: 'slurm-job.vk.io/flags',
      value: '--job-name=hello-interlink --time=00:05:00 --cpus-per-task=1 --mem=256M',
    });
  });

  it('service logs list shows the job with its status and times', async () => {
    const [job] = await serviceJobs();
    expect(await step('alice', 'service logs list')).toMatch(
      new RegExp(`^${job?.name}\\s+Succeeded\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d`, 'm'),
    );
  });

  it("service logs get returns the job's log, the decoded input included, as Offload's log endpoint does", async () => {
    const [job] = await serviceJobs();
    const printed = await step('alice', 'service logs get');
    expect(printed).toContain('Hello from an FDL\nThe input was:\na file from my laptop\n');
    const log = await fetch(`${server().url}/api/jobs/alice/${job?.name}/logs`, {
      headers: { Authorization: `Bearer ${userToken('alice')}` },
    });
    expect(printed).toBe(`${await log.text()}\n`);
  });

  it('service run waits for its job and prints its output', async () => {
    const printed = await step('alice', 'service run');
    expect(printed).toContain('Hello from an FDL\nThe input was:\nhello again');
    const jobs = await finishedJobs(2);
    expect(jobs.map((j) => j.state)).toEqual(['Succeeded', 'Succeeded']);
  });

  it("refuses bob every command on alice's namespace with OSCAR's error shape, and changes nothing", async () => {
    const [add, ...rest] = blocks.commands.bob ?? [];
    expect(add).toMatch(/^oscar-cli cluster add offload "\$OFFLOAD\/oscar\/namespaces\/alice" bob /);
    expect((await runLine('bob', add ?? '')).code).toBe(0);
    expect(rest).toHaveLength(5);
    for (const text of rest) {
      const r = await runLine('bob', text);
      expect(r.code, text).toBe(1);
      expect(r.stderr, text).toMatch(/^Error: .*(forbidden: User "bob" cannot|You may not .* in namespace alice)/);
    }
    const bob = `Basic ${Buffer.from(`bob:${userToken('bob')}`).toString('base64')}`;
    for (const [method, p] of [
      ['GET', 'system/services'],
      ['GET', `system/services/${SERVICE}`],
      ['GET', `system/logs/${SERVICE}`],
      ['DELETE', `system/services/${SERVICE}`],
    ] as const) {
      const answer = await fetch(`${server().url}/oscar/namespaces/alice/${p}`, { method, headers: { Authorization: bob } });
      expect([answer.status, answer.headers.get('content-type')], `${method} ${p}`).toEqual([403, 'text/plain; charset=utf-8']);
      expect(await answer.text()).toMatch(/forbidden: User "bob" cannot|You may not/);
    }
    expect((await call('alice', 'GET', `/api/services/alice/${SERVICE}`)).status).toBe(200);
    expect(await serviceJobs()).toHaveLength(2);
  });

  it('answers a password that is no valid token with 401, which oscar-cli calls invalid credentials', async () => {
    const answer = await fetch(`${server().url}/oscar/system/services`, {
      headers: { Authorization: `Basic ${Buffer.from('alice:not-a-valid-token').toString('base64')}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBeNull();
    expect(await answer.text()).toMatch(/^The Kubernetes API server does not accept this token/);
    const bogus = path.join(dir, 'bogus.yaml');
    expect(
      (await oscarCli(['cluster', 'add', 'offload', `${server().url}/oscar`, 'alice', 'not-a-valid-token'], { cwd: dir, config: bogus }))
        .code,
    ).toBe(0);
    const r = await oscarCli(['service', 'list'], { cwd: dir, config: bogus });
    expect([r.code, r.stderr.trim()]).toEqual([1, 'Error: invalid credentials']);
  });

  it('says in every storage command that there is no storage provider', async () => {
    expect(blocks.commands.storage).toHaveLength(2);
    for (const text of blocks.commands.storage ?? []) {
      const r = await runLine('alice', text);
      expect(r.code, text).toBe(1);
      expect(r.stderr, text).toMatch(/^Error: NoStorageProvider: Offload has no storage provider: /);
    }
  });

  it('service logs remove and delete clean up, as Offload sees', async () => {
    await step('alice', 'service logs remove');
    await waitFor(`no jobs of ${SERVICE}`, 60_000, async () => ((await serviceJobs()).length === 0 ? true : undefined));
    await step('alice', 'delete');
    expect((await call('alice', 'GET', `/api/services/alice/${SERVICE}`)).status).toBe(404);
    expect(await step('alice', 'service list')).not.toContain(SERVICE);
  });
});
