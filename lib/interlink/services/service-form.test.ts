import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formPathOf } from './form-paths';
import type { Service } from './service';
import { validForm } from '../../../scripts/lib/arbitraries/service.ts';
import {
  emptyServiceForm,
  formIssues,
  formToService,
  normalizeService,
  serviceToForm,
  slurmDefaultsFromKubernetes,
  type ServiceForm,
} from './service-form';
import { validateService } from './service-rules';

const thermal: Service = {
  name: 'thermal-detector-interlink',
  namespace: 'alice',
  memory: '4Gi',
  cpu: '3.0',
  image: 'docker://ai4oshub/thermal-bridges-rooftops-detector',
  script: 'echo hi\n',
  vo: 'dev.intertwin.eu',
  log_level: 'CRITICAL',
  interlink_node_name: 'vega-new-vk',
  annotations: {
    'slurm-job.vk.io/singularity-options': '--no-home --no-mount /exa5',
    'slurm-job.vk.io/singularity-mounts': '--bind /ceph/hpc/home/ciangottinid/oscar_home:/tmp',
    'job.vk.io/singularity-mounts': '--bind /ceph/hpc/data/st2301-itwin-users/:/interlink/',
    'slurm-job.vk.io/flags': '--job-name=thermal-detector --time=02:30:00 --nodes=1',
  },
};

describe('serviceToForm', () => {
  it('reads the annotations of an OSCAR service into the structured fields', () => {
    const form = serviceToForm(thermal);
    expect(form).toMatchObject({
      target: 'vega-new-vk',
      // The flags set neither: OSCAR's limits would have given 3 CPUs and 4096 MiB.
      slurm: { jobName: 'thermal-detector', time: '02:30:00', nodes: 1, cpusPerTask: 3, mem: '4G', extra: [] },
      mounts: [{ hostPath: '/ceph/hpc/home/ciangottinid/oscar_home', containerPath: '/tmp', readOnly: false }],
      singularityOptions: '--no-home --no-mount /exa5',
      legacyAnnotations: true,
      annotations: [],
      logLevel: 'CRITICAL',
    });
  });

  it("derives Slurm CPUs and memory the way the plugin read OSCAR's limits", () => {
    expect(slurmDefaultsFromKubernetes('0.2', '256Mi')).toEqual({ cpusPerTask: 1, mem: '256M' });
    expect(slurmDefaultsFromKubernetes('2500m', '1.5Gi')).toEqual({ cpusPerTask: 3, mem: '1536M' });
    expect(slurmDefaultsFromKubernetes('', 'x')).toEqual({});
    expect(serviceToForm({ ...thermal, interlink_node_name: '' }).slurm.cpusPerTask).toBeUndefined();
  });
});

describe('formToService / normalizeService', () => {
  it('writes the canonical OSCAR shape with every key', () => {
    const service = formToService({ ...emptyServiceForm('alice'), name: 'x', image: 'alpine', script: 'echo' });
    expect(service).toEqual({
      name: 'x',
      namespace: 'alice',
      image: 'alpine',
      script: 'echo',
      interlink_node_name: '',
      environment: { variables: {}, secrets: {} },
      annotations: {},
      labels: {},
      memory: '256Mi',
      cpu: '0.2',
      enable_gpu: false,
      log_level: '',
      vo: '',
      visibility: 'private',
      allowed_users: [],
    });
  });

  it('normalises pasted flags and keeps what it does not model', () => {
    const s = normalizeService({
      ...thermal,
      annotations: { ...thermal.annotations, 'slurm-job.vk.io/flags': '-p gpu -N 1', 'slurm-job.vk.io/flavor': 'large' },
    });
    expect(s.annotations).toMatchObject({
      'slurm-job.vk.io/flags': '--partition=gpu --nodes=1 --cpus-per-task=3 --mem=4G',
      'slurm-job.vk.io/flavor': 'large',
    });
  });

  it('is idempotent', () => {
    const once = normalizeService(thermal);
    expect(normalizeService(once)).toEqual(once);
  });

  it.each([true, false])(
    'round-trips every valid form, virtual=%s (10,000 runs)',
    (virtual) => {
      const legacyNormal = (f: ServiceForm): ServiceForm => ({
        ...f,
        legacyAnnotations: f.legacyAnnotations || (f.mounts.length === 0 && f.preExec === ''),
      });
      fc.assert(
        fc.property(validForm(virtual), (form) => {
          const service = formToService(form);
          expect(validateService(service)).toEqual([]);
          expect(formIssues(form)).toEqual([]);
          expect(serviceToForm(service)).toEqual(legacyNormal(form));
          expect(normalizeService(service)).toEqual(service);
        }),
        { numRuns: 10_000 },
      );
    },
    120_000,
  );
});

describe('form-only rules and paths', () => {
  it('finds rows a map cannot hold', () => {
    const form = {
      ...emptyServiceForm('alice'),
      env: [
        { key: 'A', value: '1' },
        { key: 'A', value: '2' },
        { key: '', value: '' },
      ],
      annotations: [{ key: 'slurm-job.vk.io/flags', value: '-p gpu' }],
    };
    expect(formIssues(form)).toEqual([
      { path: ['env', 'A'], message: "'A' appears twice" },
      { path: ['env', ''], message: 'a row needs a name' },
      {
        path: ['annotations', 'slurm-job.vk.io/flags'],
        message: "'slurm-job.vk.io/flags' is set from the Slurm and Singularity fields; use them",
      },
    ]);
  });

  it.each([
    [
      ['annotations', 'slurm-job.vk.io/flags', 'time'],
      ['slurm', 'time'],
    ],
    [
      ['annotations', 'slurm-job.vk.io/flags', 'extra:account'],
      ['slurm', 'extra', 'account'],
    ],
    [['annotations', 'slurm-job.vk.io/flags'], ['slurm']],
    [
      ['annotations', 'job.vk.io/singularity-mounts', 0, 'hostPath'],
      ['mounts', 0, 'hostPath'],
    ],
    [['annotations', 'slurm-job.vk.io/singularity-options'], ['singularityOptions']],
    [['annotations', 'job.vk.io/pre-exec'], ['preExec']],
    [
      ['annotations', 'example.org/x'],
      ['annotations', 'example.org/x'],
    ],
    [
      ['environment', 'variables', 'A'],
      ['env', 'A'],
    ],
    [
      ['environment', 'secrets', 'S'],
      ['secrets', 'S'],
    ],
    [['interlink_node_name'], ['target']],
    [
      ['allowed_users', 1],
      ['allowedUsers', 1],
    ],
    [['image'], ['image']],
  ])('maps %j to the form field %j', (path, expected) => {
    expect(formPathOf(path)).toEqual(expected);
  });
});
