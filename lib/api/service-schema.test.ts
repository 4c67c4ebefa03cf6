import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';

import type { Service } from '@/lib/interlink/services/service';
import { emptyServiceForm } from '@/lib/interlink/services/service-form';

import { ServiceSchema, serviceIssues, validateServiceForm } from './service-schema';

const oscarJson = {
  name: 'thermal',
  namespace: 'alice',
  image: 'docker://ai4oshub/thermal-bridges-rooftops-detector',
  script: 'echo hi',
  interlink_node_name: 'vega-new-vk',
  memory: '4Gi',
  cpu: '3.0',
  // What OSCAR's API returns besides: nulls for empty maps and lists, and keys Offload ignores.
  environment: { variables: null, secrets: null },
  annotations: { 'slurm-job.vk.io/flags': '-p gpu --gres=gpu:1' },
  labels: null,
  input: null,
  output: [],
  mount: { storage_provider: '', path: '' },
  volume: null,
  allowed_users: null,
  token: 'abc',
  alpine: false,
  expose: { min_scale: 1 },
};

describe('ServiceSchema', () => {
  it('accepts an OSCAR service as its API returns it, dropping keys Offload does not model', () => {
    const parsed = ServiceSchema.parse(oscarJson);
    expect(parsed).not.toHaveProperty('token');
    expect(parsed.environment).toEqual({ variables: undefined, secrets: undefined });
    expect(parsed.labels).toBeUndefined();
  });

  it('reports shape errors and rule errors with the field path', () => {
    expect(serviceIssues({ ...oscarJson, enable_gpu: 'yes' })).toContainEqual({ path: ['enable_gpu'], message: expect.any(String) });
    expect(serviceIssues({ ...oscarJson, annotations: { 'slurm-job.vk.io/flags': '--output=x' } })).toEqual([
      { path: ['annotations', 'slurm-job.vk.io/flags', 'extra:output'], message: expect.stringMatching(/breaks log collection/) },
    ]);
    expect(serviceIssues({ ...oscarJson, image: 'ghcr.io/x:y' })).toEqual([
      { path: ['image'], message: "'ghcr.io/x:y' has no scheme, and Singularity needs one: did you mean docker://ghcr.io/x:y?" },
    ]);
    expect(serviceIssues(oscarJson)).toEqual([]);
  });

  it('refuses a __proto__ key instead of losing it', () => {
    expect(serviceIssues({ ...oscarJson, environment: JSON.parse('{"variables":{"__proto__":"x"}}') })).toContainEqual({
      path: ['environment', 'variables', '__proto__'],
      message: "'__proto__' cannot be used as a name",
    });
  });

  it('produces a Service', () => {
    expectTypeOf<z.output<typeof ServiceSchema>>().toExtend<Service>();
  });
});

describe('validateServiceForm', () => {
  it('places every problem on the form field it came from', () => {
    const form = {
      ...emptyServiceForm('alice'),
      name: 'x',
      image: 'docker://alpine',
      script: 'echo',
      target: 'vega-vk',
      slurm: { time: '2h', extra: [{ name: 'output', value: 'x' }] },
      mounts: [{ hostPath: 'rel', containerPath: '/d', readOnly: false }],
      env: [
        { key: 'HOME', value: '/x' },
        { key: 'HOME', value: '/y' },
      ],
    };
    expect(validateServiceForm(form)).toEqual([
      { path: ['env', 'HOME'], message: "'HOME' appears twice" },
      { path: ['env', 'HOME'], message: expect.stringMatching(/reserved/) },
      { path: ['slurm', 'time'], message: expect.stringMatching(/not a Slurm time limit/) },
      { path: ['slurm', 'extra', 'output'], message: expect.stringMatching(/breaks log collection/) },
      { path: ['mounts', 0, 'hostPath'], message: expect.stringMatching(/absolute path/) },
      { path: ['mounts', 0, 'hostPath'], message: expect.stringMatching(/absolute path/) },
    ]);
  });
});
