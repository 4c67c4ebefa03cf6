import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { exportFdl, importFdl } from './fdl';
import { canonicalService } from './service';
import { validForm } from '../../../scripts/lib/arbitraries/service.ts';
import { formToService, serviceToForm } from './service-form';
import { serviceNotes, validateService } from './service-rules';

const fixture = join(__dirname, '..', 'fixtures', 'thermal-detector-interlink');
const fdl = readFileSync(join(fixture, 'thermal-detector-interlink.yaml'), 'utf8');
const script = readFileSync(join(fixture, 'script.sh'), 'utf8');

describe("OSCAR's thermal-detector-interlink example", () => {
  const { services, issues } = importFdl(fdl, { 'script.sh': script }, { namespace: 'alice' });

  it('imports as it is, the script read from its file', () => {
    expect(issues).toEqual([]);
    expect(services).toEqual([
      {
        clusterId: 'oscar-cluster',
        service: canonicalService({
          name: 'thermal-detector-interlink',
          namespace: 'alice',
          memory: '4Gi',
          cpu: '3.0',
          image: 'docker://ai4oshub/thermal-bridges-rooftops-detector',
          script,
          vo: 'dev.intertwin.eu',
          log_level: 'CRITICAL',
          interlink_node_name: 'vega-new-vk',
          annotations: {
            'slurm-job.vk.io/singularity-options': '--no-home --no-mount /exa5',
            'slurm-job.vk.io/singularity-mounts': '--bind /ceph/hpc/home/ciangottinid/oscar_home:/tmp',
            'job.vk.io/singularity-mounts': '--bind /ceph/hpc/data/st2301-itwin-users/:/interlink/',
            'slurm-job.vk.io/flags': '--job-name=thermal-detector --time=02:30:00 --nodes=1',
          },
        }),
      },
    ]);
  });

  it('is valid, and Offload says which mounts it keeps', () => {
    const service = services[0]?.service;
    if (service === undefined) throw new Error('no service');
    expect(validateService(service)).toEqual([]);
    expect(serviceNotes(service)).toEqual([
      expect.stringMatching(/job.vk.io\/singularity-mounts differs from slurm-job.vk.io\/singularity-mounts/),
    ]);
    expect(serviceToForm(service).slurm).toEqual({
      jobName: 'thermal-detector',
      time: '02:30:00',
      nodes: 1,
      cpusPerTask: 3,
      mem: '4G',
      extra: [],
    });
  });

  it('exports and imports back unchanged', () => {
    const out = exportFdl(services);
    expect(out.files).toEqual({ 'thermal-detector-interlink.sh': script });
    expect(out.yaml).toContain('script: thermal-detector-interlink.sh');
    expect(out.yaml).toContain('cpu: "3.0"');
    expect(importFdl(out.yaml, out.files, { namespace: 'alice' })).toEqual({ services, issues: [] });
  });
});

describe('importFdl', () => {
  it('finds a script by the end of its path, or takes a multi-line script as the script itself', () => {
    const text =
      'functions:\n  oscar:\n    - c1:\n        name: a\n        script: scripts/run.sh\n    - ' +
      'c2:\n        name: b\n        script: |\n          echo inline\n';
    const { services, issues } = importFdl(text, { 'run.sh': 'echo file\n' }, { namespace: 'ns' });
    expect(issues).toEqual([]);
    expect(services.map((s) => [s.clusterId, s.service.script])).toEqual([
      ['c1', 'echo file\n'],
      ['c2', 'echo inline\n'],
    ]);
  });

  it.each([
    ['functions: [', [], /is not valid YAML/],
    ['name: x', ['functions', 'oscar'], /must be a list of services/],
    ['functions:\n  oscar:\n    - x', ['functions', 'oscar', 0], /must map a cluster id to a service/],
    [
      'functions:\n  oscar:\n    - c:\n        script: script.sh',
      ['functions', 'oscar', 0, 'c', 'script'],
      /names the file 'script.sh'; add that file to the import/,
    ],
    ['functions:\n  oscar:\n    - c:\n        labels: [a]', ['functions', 'oscar', 0, 'c', 'labels'], /must be a map of names to values/],
    ['functions:\n  oscar:\n    - c:\n        enable_gpu: maybe', ['functions', 'oscar', 0, 'c', 'enable_gpu'], /must be true or false/],
    [
      'functions:\n  oscar:\n    - c:\n        visibility: secret',
      ['functions', 'oscar', 0, 'c', 'visibility'],
      /must be one of private, public, restricted/,
    ],
    ['functions:\n  oscar:\n    - c:\n        allowed_users: x', ['functions', 'oscar', 0, 'c', 'allowed_users'], /must be a list/],
    ['functions:\n  oscar:\n    - c:\n        image: [a]', ['functions', 'oscar', 0, 'c', 'image'], /must be a single value/],
  ])('reports %j', (text, path, message) => {
    expect(importFdl(text, {}, { namespace: 'ns' }).issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('keeps OSCAR storage so that validation can refuse it with the reason', () => {
    const text =
      'functions:\n  oscar:\n    - c:\n        name: a\n        interlink_node_name: vk\n        ' +
      'input:\n          - storage_provider: minio.default\n            path: a/in\n            ' +
      'suffix: [jpg]\n';
    const service = importFdl(text, {}, { namespace: 'ns' }).services[0]?.service;
    expect(service?.input).toEqual([{ storage_provider: 'minio.default', path: 'a/in', suffix: ['jpg'] }]);
    expect(service && validateService(service)).toContainEqual({
      path: ['input'],
      message: expect.stringMatching(/cannot reach an offloaded job/),
    });
  });

  it('keeps map keys that are also Object.prototype names as plain keys', () => {
    const text =
      'functions:\n  oscar:\n    - c:\n        environment:\n          variables:\n            __proto__: x\n            constructor: y\n';
    expect(importFdl(text, {}, { namespace: 'ns' }).services[0]?.service.environment?.variables).toEqual(
      JSON.parse('{"__proto__":"x","constructor":"y"}'),
    );
  });
});

describe('exportFdl', () => {
  it('numbers script files when services of the same name differ', () => {
    const a = formToService({ ...serviceToForm(canonicalService({ name: 'a', namespace: 'n', image: 'alpine', script: 'one' })) });
    const { files } = exportFdl([
      { clusterId: 'x', service: a },
      { clusterId: 'y', service: { ...a, script: 'two' } },
      { clusterId: 'z', service: a },
    ]);
    expect(files).toEqual({ 'a.sh': 'one', 'a-2.sh': 'two' });
  });

  it('gives back every service through import (10,000 runs)', () => {
    const entries = fc.array(
      fc.record({ clusterId: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), form: fc.oneof(validForm(true), validForm(false)) }),
      { minLength: 1, maxLength: 2 },
    );
    fc.assert(
      fc.property(entries, (list) => {
        const services = list.map(({ clusterId, form }) => ({ clusterId, service: formToService({ ...form, namespace: 'ns' }) }));
        const out = exportFdl(services);
        expect(importFdl(out.yaml, out.files, { namespace: 'ns' })).toEqual({ services, issues: [] });
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);
});
