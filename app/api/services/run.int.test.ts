import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PreviewSchema, RunResponseSchema } from '@/lib/api/services';
import { formToService } from '@/lib/interlink/services/service-form';
import { POD_UID_PLACEHOLDER, PLUGIN_DEFAULTS } from '@/lib/interlink/slurm/sbatch-preview';
import { SERVICE_TEMPLATES, formFromTemplate } from '@/lib/interlink/services/templates';
import { LAB, getJson, kubectl, tempDir, uniqueName, waitFor } from '../../../scripts/lib/lab-commands.ts';
import { apiClient } from '../../../scripts/lib/api-client.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';
import { testService } from '../../../scripts/lib/test-service.ts';

// Running a stored service on the lab: the preview is the Job the run creates, its #SBATCH
// lines are the ones the plugin really writes, and the 3DGAN template runs to completion.

const server = withOffloadServer();
const call = apiClient(() => server().url);
const cleanup: string[] = [];

afterAll(async () => {
  for (const args of cleanup) await kubectl('admin', ['-n', 'alice', 'delete', ...args.split(' '), '--ignore-not-found', '--wait=false']);
});

interface PodLike {
  metadata: { uid: string; name: string; ownerReferences?: Array<{ kind: string; name: string }> };
  status: { phase?: string };
}
interface JobLike {
  metadata: { name: string; labels: Record<string, string> };
  spec: { template: { metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> } };
}

async function store(body: Record<string, unknown>): Promise<string> {
  const name = String(body.name);
  cleanup.push(`cm,secret offload-svc-${name}`);
  const answer = await call('alice', 'POST', '/api/services', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return name;
}

async function run(name: string, input?: string): Promise<string> {
  const answer = await call('alice', 'POST', `/api/services/alice/${name}/jobs`, input === undefined ? {} : { input });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const job = RunResponseSchema.parse(answer.body);
  expect(job.namespace).toBe('alice');
  cleanup.push(`job ${job.name}`);
  return job.name;
}

const podOf = (job: string) =>
  waitFor(
    `the pod of ${job}`,
    60_000,
    async () => (await getJson<{ items: PodLike[] }>('alice', ['-n', 'alice', 'get', 'pods', '-l', `job-name=${job}`])).items[0],
  );
const withEnvValues = (containers: unknown) =>
  (containers as Array<{ env?: Array<{ name: string; value?: string }> }>).map((c) => ({
    ...c,
    env: c.env?.map((e) => ({ ...e, value: e.value ?? '' })),
  }));
const sbatchLines = (text: string) => text.split('\n').filter((l) => l.startsWith('#SBATCH'));

describe('POST /api/services/{namespace}/{name}/jobs', () => {
  it('creates exactly the previewed Job, and the plugin writes the previewed #SBATCH lines', async () => {
    const data = tempDir('offload-run-');
    const name = await store({
      name: uniqueName('preview'),
      namespace: 'alice',
      image: 'docker://alpine:3.20',
      script: 'echo "started"; sleep 30\n',
      interlink_node_name: 'vega-vk',
      environment: { variables: { MESSAGE: 'say "hi" to $HOME' } },
      annotations: {
        'slurm-job.vk.io/flags': '--job-name=preview-check --time=00:05:00 --cpus-per-task=2 --mem=300M --exclusive',
        'slurm-job.vk.io/singularity-mounts': `--bind ${data}:/exp_data:ro`,
        'slurm-job.vk.io/pre-exec': 'echo "pre-exec ran"',
      },
    });
    const preview = PreviewSchema.parse((await call('alice', 'GET', `/api/services/alice/${name}/preview`)).body);
    const previewJob = preview.job as unknown as JobLike;
    const jobName = await run(name);
    const job = await getJson<JobLike>('alice', ['-n', 'alice', 'get', 'job', jobName]);

    const spec = job.spec.template.spec;
    const expected = previewJob.spec.template.spec;
    // The API server adds defaults (imagePullPolicy, terminationMessagePath, …) and writes an
    // empty env value (EVENT without input) as no value: compare what the preview says.
    expect(withEnvValues(spec.containers)).toMatchObject(withEnvValues(expected.containers));
    expect(spec.nodeSelector).toEqual(expected.nodeSelector);
    expect(spec.tolerations).toEqual(expected.tolerations);
    expect(job.spec.template.metadata.annotations).toEqual(previewJob.spec.template.metadata.annotations);
    expect(job.metadata.labels['oscar.grycap/job-owner']).toBe('alice');

    // The script's ConfigMap goes with the Job.
    const cm = await getJson<PodLike>('alice', ['-n', 'alice', 'get', 'cm', jobName]);
    expect(cm.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Job', name: jobName })]);

    // Read the plugin's batch file while the pod exists (it goes with the pod).
    const pod = await podOf(jobName);
    const file = path.join(LAB, 'interlink', 'vega-vk', 'jobs', `alice-${pod.metadata.uid}`, 'job.slurm');
    const written = await waitFor('job.slurm', 60_000, async () => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
    const root = path.join(LAB, 'interlink', 'vega-vk', 'jobs');
    const previewed = preview.sbatch.replaceAll(POD_UID_PLACEHOLDER, pod.metadata.uid).replaceAll(PLUGIN_DEFAULTS.dataRootFolder, root);
    expect(sbatchLines(written)).toEqual(sbatchLines(previewed));
    expect(sbatchLines(written)).toContain('#SBATCH --exclusive');
  });

  it('runs the itwinai 3DGAN template to completion on vega-vk', async () => {
    const template = SERVICE_TEMPLATES.find((t) => t.id === 'itwinai-3dgan');
    if (template === undefined) throw new Error('no 3DGAN template');
    const form = formFromTemplate(template, 'alice', 'vega-vk');
    form.name = uniqueName('3dgan');
    form.script = 'echo "3dgan on ${CUDA_VISIBLE_DEVICES:-no devices}, config $PIPELINE_CONFIG"; echo done > /exp_data/out.txt\n';
    const data = tempDir('offload-3dgan-');
    form.mounts = form.mounts.map((m) => ({ ...m, hostPath: data }));
    const name = await store({ ...formToService(form) });
    const jobName = await run(name, '{"event": "3dgan"}');
    const done = await waitFor(
      'the 3DGAN pod to finish',
      240_000,
      async () => {
        const pod = await podOf(jobName);
        return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed' ? pod : undefined;
      },
      2_000,
    );
    expect(done.status.phase).toBe('Succeeded');
    expect(readFileSync(path.join(data, 'out.txt'), 'utf8')).toBe('done\n');
  });

  it('refuses an input larger than fits the environment with 422', async () => {
    const name = await store({ ...testService(uniqueName('big-input'), 'alice', { script: 'true\n' }) });
    const answer = await call('alice', 'POST', `/api/services/alice/${name}/jobs`, { input: 'x'.repeat(200 * 1024) });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { code: 'invalid', field: 'input' } });
  });
});
