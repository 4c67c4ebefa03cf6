import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JobDetailResponseSchema } from '@/lib/api/job-detail';
import { JobsResponseSchema, type JobViewDto } from '@/lib/api/jobs';
import { base64Utf8 } from '@/lib/interlink/model/base64';
import { kubectl, kubectlOk, slurmJob, tempDir, uniqueName, waitFor } from '../../scripts/lib/lab-commands.ts';
import { apiClient } from '../../scripts/lib/api-client.ts';
import { userToken } from '../../scripts/lib/lab.ts';
import { buildOscarTools, oscarCli, oscarMadeJob } from '../../scripts/lib/oscar-cli.ts';
import { withOffloadServer } from '../../scripts/lib/vitest-server.ts';

// A Job created the way OSCAR 3.3.0 creates one for an interLink service, outside Offload
// (built by OSCAR's own code, lab/oscar-job, and created with kubectl as alice), is listed
// and shown by Offload's API and by oscar-cli through Offload, with its Slurm state and log.

const server = withOffloadServer();
const call = apiClient(() => server().url);
const SERVICE = uniqueName('oscar-made');
const EVENT = 'an event from OSCAR';
const SCRIPT = 'echo "made by OSCAR"\ncat "$INPUT_FILE_PATH"\n';
let jobName = '';
const cwd = tempDir('offload-oscar-jobs-');
const config = path.join(cwd, 'oscar-cli.yaml');

beforeAll(async () => {
  await buildOscarTools();
  // OSCAR keeps a service's script in a ConfigMap named after it (types.ConfigPath).
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SERVICE, namespace: 'alice', labels: { oscar_service: SERVICE } },
    data: { 'script.sh': SCRIPT },
  };
  await kubectlOk('alice', ['create', '-f', '-'], JSON.stringify(configMap));
}, 30 * 60_000);

afterAll(async () => {
  await kubectl('alice', ['-n', 'alice', 'delete', 'job', jobName, '--ignore-not-found', '--wait=false']);
  await kubectl('alice', ['-n', 'alice', 'delete', 'configmap', SERVICE, '--ignore-not-found']);
});

interface JobManifest {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    backoffLimit: number;
    template: {
      spec: {
        restartPolicy: string;
        nodeSelector: Record<string, string>;
        tolerations: unknown[];
        initContainers: Array<{ name: string; image: string; command: string[]; args: string[] }>;
        containers: Array<{ name: string; command: string[]; args: string[]; env: Array<{ name: string; value?: string }> }>;
      };
    };
  };
}

async function rowOf(): Promise<JobViewDto | undefined> {
  const answer = await call('alice', 'GET', `/api/jobs?namespace=alice&service=${SERVICE}`);
  return JobsResponseSchema.parse(answer.body).jobs[0];
}

describe('a Job OSCAR 3.3 made', () => {
  it("is built by OSCAR's own code as OSCAR builds it for interLink, and created as alice", async () => {
    const job = (await oscarMadeJob(
      {
        name: SERVICE,
        image: 'docker://alpine:3.20',
        script: SCRIPT,
        interlink_node_name: 'vega-vk',
        annotations: { 'slurm-job.vk.io/flags': '--time=00:05:00' },
      },
      'alice',
      EVENT,
    )) as unknown as JobManifest;
    const pod = job.spec.template.spec;
    expect(job.metadata.labels).toEqual({ oscar_service: SERVICE, applicationId: SERVICE, queue: `root.oscar-queue.${SERVICE}` });
    expect([job.spec.backoffLimit, pod.restartPolicy, pod.nodeSelector]).toEqual([0, 'Never', { 'kubernetes.io/hostname': 'vega-vk' }]);
    expect(pod.tolerations).toEqual([{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }]);
    expect(pod.initContainers).toMatchObject([
      { name: 'supervisor-container', command: ['/bin/sh', '-c'], args: ['cp -r /supervisor/* /data'] },
    ]);
    expect(pod.containers[0]).toMatchObject({
      name: 'oscar-container',
      command: ['/bin/sh', '-c'],
      args: ['echo $EVENT | base64 -d | /data/supervisor'],
    });
    expect(pod.containers[0]?.env).toContainEqual({ name: 'EVENT', value: base64Utf8(EVENT) });
    // The lab cannot pull OSCAR's supervisor image, and its singularity stand-in runs commands
    // on the host's filesystem, which has no /supervisor. The init container stays as OSCAR
    // writes it but for its command, which writes a stand-in supervisor instead: it does what
    // OSCAR's FaaS Supervisor does with a plain event (write it to a file, run the script).
    const init = pod.initContainers[0];
    if (init !== undefined) {
      init.args = [
        "printf '%s\\n' '#!/bin/sh' 'cat > /tmp/event' 'INPUT_FILE_PATH=/tmp/event exec /bin/sh " +
          "/oscar/config/script.sh' > /data/supervisor && chmod +x /data/supervisor",
      ];
    }
    jobName = job.metadata.name;
    await kubectlOk('alice', ['create', '-f', '-'], JSON.stringify(job));
  });

  it('is listed by GET /api/jobs under its service, as made by OSCAR, with its Slurm state', async () => {
    const row = await waitFor('the OSCAR job to finish', 180_000, async () => {
      const r = await rowOf();
      return r !== undefined && r.state !== 'Queued' && r.state !== 'Running' && r.state !== 'WaitingForNode' ? r : undefined;
    });
    expect(row).toMatchObject({
      name: jobName,
      kind: 'Job',
      service: SERVICE,
      origin: 'oscar',
      offloaded: true,
      node: 'vega-vk',
      state: 'Succeeded',
    });
    expect((await slurmJob(row.slurmJobId ?? ''))['JobState']).toBe('COMPLETED');
    const detail = JobDetailResponseSchema.parse((await call('alice', 'GET', `/api/jobs/alice/${jobName}`)).body).detail;
    expect(detail.createdBy).toBe('oscar');
    expect(detail.input).toBe(base64Utf8(EVENT));
  });

  it("has its log readable through Offload's API", async () => {
    const log = await fetch(`${server().url}/api/jobs/alice/${jobName}/logs`, {
      headers: { Authorization: `Bearer ${userToken('alice')}` },
    });
    expect(log.status).toBe(200);
    expect(await log.text()).toContain(`made by OSCAR\n${EVENT}`);
  });

  it('is listed and its log read by oscar-cli service logs, through Offload', async () => {
    expect(
      (await oscarCli(['cluster', 'add', 'offload', `${server().url}/oscar`, 'alice', userToken('alice')], { cwd, config })).code,
    ).toBe(0);
    const list = await oscarCli(['service', 'logs', 'list', SERVICE], { cwd, config });
    expect(list.stdout).toMatch(new RegExp(`^${jobName}\\s+Succeeded\\s+\\d{4}-`, 'm'));
    const got = await oscarCli(['service', 'logs', 'get', SERVICE, jobName], { cwd, config });
    expect(got.code).toBe(0);
    expect(got.stdout).toContain(`made by OSCAR\n${EVENT}`);
  });
});
