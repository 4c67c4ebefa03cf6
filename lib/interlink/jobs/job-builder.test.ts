import type { V1ConfigMap, V1Job, V1Secret } from '@kubernetes/client-node';
import { describe, expect, expectTypeOf, it } from 'vitest';

import { base64Decode } from '../model/base64';
import { buildJob, JobBuildError } from './job-builder';
import type { ConfigMapManifest, JobManifest, SecretManifest } from './job-manifest';
import { jobNameFor } from './job-name';
import { isJobOffloaded } from './offloaded';
import type { Service } from '../services/service';
import type { Job } from '../model/types';

const UUID = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const service: Service = {
  name: 'itwinai-3dgan',
  namespace: 'alice',
  image: 'docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2',
  script: 'echo "$GREETING"\n',
  interlink_node_name: 'vega-vk',
  cpu: '2',
  memory: '4Gi',
  environment: { variables: { GREETING: "it's\n" }, secrets: { TOKEN: 's3cr3t' } },
  labels: { team: 'ml' },
  annotations: { 'slurm-job.vk.io/flags': '-p gpu --gres=gpu:1', 'example.org/note': 'kept' },
};

describe('buildJob, virtual target', () => {
  const { job, configMap, secret } = buildJob(service, { owner: 'alice@egi.eu', uuid: UUID, input: 'hello' });
  const pod = job.spec.template;
  const container = pod.spec.containers[0];

  it('places the pod as OSCAR does for interLink', () => {
    expect(job.metadata.name).toBe(`itwinai-3dgan-${UUID}`);
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.ttlSecondsAfterFinished).toBe(2_592_000);
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'vega-vk' });
    expect(pod.spec.tolerations).toEqual([{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }]);
    // Offloaded jobs do not carry a service-account token to the HPC side.
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(isJobOffloaded(job, new Set(['vega-vk']))).toBe(true);
  });

  it('labels and annotates the Job and the pod alike, with normalised Slurm annotations', () => {
    const labels = {
      team: 'ml',
      oscar_service: 'itwinai-3dgan',
      'oscar.grycap/job-owner': 'alice-egi.eu',
      'app.kubernetes.io/managed-by': 'offload',
    };
    const annotations = { 'example.org/note': 'kept', 'slurm-job.vk.io/flags': '--partition=gpu --cpus-per-task=2 --mem=4G --gres=gpu:1' };
    expect(job.metadata.labels).toEqual(labels);
    expect(pod.metadata.labels).toEqual(labels);
    expect(job.metadata.annotations).toEqual(annotations);
    expect(pod.metadata.annotations).toEqual(annotations);
  });

  it('gives the container no limits, /tmp as working directory, and the prelude as command', () => {
    expect(container?.resources).toBeUndefined();
    expect(container?.workingDir).toBe('/tmp');
    expect(container?.command).toEqual(['/bin/sh', '/oscar/config/offload-prelude.sh']);
    expect(container?.env).toEqual([
      { name: 'EVENT', value: 'aGVsbG8=' },
      { name: 'OFFLOAD_B64_GREETING', value: 'aXQncwo=' },
    ]);
  });

  it('ships the script byte-identical beside the prelude, and secrets only in the Secret', () => {
    expect(configMap.metadata).toEqual({ name: job.metadata.name, namespace: 'alice', labels: job.metadata.labels });
    expect(configMap.data['script.sh']).toBe(service.script);
    expect(configMap.data['offload-prelude.sh']).toContain("cat '/oscar/secrets/TOKEN'");
    expect(secret?.data).toEqual({ TOKEN: 'czNjcjN0' });
    expect(new TextDecoder().decode(base64Decode(secret?.data.TOKEN ?? '') ?? new Uint8Array())).toBe('s3cr3t');
    expect(JSON.stringify(job)).not.toContain('s3cr3t');
    expect(pod.spec.volumes).toEqual([
      { name: 'oscar-config', configMap: { name: job.metadata.name } },
      { name: 'offload-secrets', secret: { secretName: job.metadata.name } },
    ]);
    expect(container?.volumeMounts).toEqual([
      { name: 'oscar-config', mountPath: '/oscar/config', readOnly: true },
      { name: 'offload-secrets', mountPath: '/oscar/secrets', readOnly: true },
    ]);
  });

  it("records on the Job, not the pod, which of Offload's APIs made it, when asked", () => {
    const via = buildJob(service, { owner: 'alice', uuid: UUID, createdVia: 'oscar-api' }).job;
    expect(via.metadata.annotations['offload.io/created-via']).toBe('oscar-api');
    expect(via.spec.template.metadata.annotations).toEqual(pod.metadata.annotations);
    expect(job.metadata.annotations).not.toHaveProperty('offload.io/created-via');
  });

  it('is deterministic', () => {
    expect(buildJob(service, { owner: 'alice@egi.eu', uuid: UUID, input: 'hello' })).toEqual({ job, configMap, secret });
  });
});

describe('buildJob, ordinary node', () => {
  const ordinary: Service = { ...service, interlink_node_name: '', image: 'ghcr.io/org/image:1', enable_gpu: true, environment: {} };
  const { job, secret } = buildJob(ordinary, { owner: 'bob', uuid: UUID });

  it('adds none of the virtual placement and uses CPU/memory as requests and limits', () => {
    const spec = job.spec.template.spec;
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.automountServiceAccountToken).toBeUndefined();
    expect(spec.containers[0]?.resources).toEqual({
      requests: { cpu: '2', memory: '4Gi' },
      limits: { cpu: '2', memory: '4Gi', 'nvidia.com/gpu': '1' },
    });
    expect(spec.containers[0]?.env).toEqual([{ name: 'EVENT', value: '' }]);
    expect(secret).toBeUndefined();
  });
});

describe('job names', () => {
  it('cuts the service part to 16 characters from 25 characters on, like OSCAR', () => {
    expect(jobNameFor('a'.repeat(24), UUID)).toBe(`${'a'.repeat(24)}-${UUID}`);
    expect(jobNameFor('b'.repeat(25), UUID)).toBe(`${'b'.repeat(16)}-${UUID}`);
    expect(jobNameFor('c'.repeat(39), UUID).length).toBeLessThanOrEqual(63);
    expect(`${'a'.repeat(24)}-${UUID}`.length).toBeLessThanOrEqual(63);
  });
});

describe('buildJob refuses', () => {
  const issuesOf = (s: Service, o: Parameters<typeof buildJob>[1]) => {
    try {
      buildJob(s, o);
    } catch (e) {
      if (e instanceof JobBuildError) return e.issues;
      throw e;
    }
    return [];
  };

  it('an invalid service, a bad UUID or job name, an empty owner and a too large input', () => {
    expect(issuesOf({ ...service, image: 'ghcr.io/x:y' }, { owner: 'a' })).toEqual([
      { path: ['image'], message: expect.stringMatching(/did you mean docker:\/\//) },
    ]);
    expect(issuesOf(service, { owner: 'a', uuid: 'nope' })).toEqual([{ path: ['uuid'], message: "'nope' is not a lower-case UUID" }]);
    expect(issuesOf(service, { owner: 'a', jobName: 'Bad_Name' })).toEqual([
      { path: ['jobName'], message: expect.stringMatching(/lower-case/) },
    ]);
    expect(issuesOf(service, { owner: '@@' })).toEqual([{ path: ['owner'], message: 'must contain a letter or digit' }]);
    expect(issuesOf(service, { owner: 'a', input: new Uint8Array(96 * 1024 + 1) })).toEqual([
      { path: ['input'], message: 'is 98305 bytes; at most 98304 bytes (96 KiB)' },
    ]);
  });
});

describe('manifest types', () => {
  it('are what the client library and the state reader accept', () => {
    expectTypeOf<JobManifest>().toExtend<V1Job>();
    expectTypeOf<JobManifest>().toExtend<Job>();
    expectTypeOf<ConfigMapManifest>().toExtend<V1ConfigMap>();
    expectTypeOf<SecretManifest>().toExtend<V1Secret>();
  });
});
