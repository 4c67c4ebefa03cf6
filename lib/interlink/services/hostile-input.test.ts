import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { admissionProblems, type AdmissionObject } from '../admission/admission-rules';
import { buildJob } from '../jobs/job-builder';
import type { ContainerManifest, JobManifest } from '../jobs/job-manifest';
import { hostile, hostileRender } from '../../../scripts/lib/hostile-input.ts';
import type { Service } from './service';
import { validateService } from './service-rules';
import { testService } from '../../../scripts/lib/test-service.ts';

// Acceptance 2 of issue #14 on the renderer: for every field that reaches an annotation or the
// batch script, 10,000 hostile values each; every value Offload (or the admission policy, for
// what only kubectl can write) accepts renders on both plugin releases with no extra #SBATCH
// line, no option sbatch should not read, balanced quotes, nothing the shell would act on in
// the container's command, and no bind outside the site's roots. The pre-exec is shell by
// design: only its directive lines are checked. deploy/test/hostile-input.int.test.ts submits
// a sample to the real plugin.

const RUNS = { numRuns: 10_000 };
const base: Service = {
  ...testService('hostile', 'alice'),
  environment: { variables: { A: '1' } },
  annotations: {
    'slurm-job.vk.io/flags': '--time=00:05:00 --cpus-per-task=1 --mem=1G',
    'slurm-job.vk.io/singularity-mounts': '--bind /data/in:/in:ro',
  },
};
const site = { allowedBindRoots: ['/data', '/scratch'], refusedBindRoots: ['/tmp/interlink-jobs'], preExec: 'allow' as const };
const flags = (f: string) => ({ ...base.annotations, 'slurm-job.vk.io/flags': `--time=00:05:00 ${f}` });

/** One field's hostile values, put in an otherwise valid service. */
const FIELDS: Array<[string, fc.Arbitrary<Service>]> = [
  ['flags as written', hostile.flagsText.map((t) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/flags': t } }))],
  ['--job-name', hostile.value.map((v) => ({ ...base, annotations: flags(`--job-name=${v}`) }))],
  ['--partition (spaced)', hostile.value.map((v) => ({ ...base, annotations: flags(`--partition ${v}`) }))],
  ['--time', hostile.value.map((v) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/flags': `--time=${v}` } }))],
  ['--mem', hostile.value.map((v) => ({ ...base, annotations: flags(`--mem=${v}`) }))],
  ['--gres', hostile.value.map((v) => ({ ...base, annotations: flags(`--gres=${v}`) }))],
  ["another flag's value", fc.tuple(hostile.optionName, hostile.value).map(([n, v]) => ({ ...base, annotations: flags(`--${n}=${v}`) }))],
  ['a flag name', hostile.optionName.map((n) => ({ ...base, annotations: flags(`--${n}`) }))],
  ['a short flag', hostile.shortFlag.map((s) => ({ ...base, annotations: flags(s) }))],
  [
    'bind source',
    hostile.path.map((p) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/singularity-mounts': `--bind ${p}:/in` } })),
  ],
  [
    'bind destination',
    hostile.path.map((p) => ({
      ...base,
      annotations: { ...base.annotations, 'slurm-job.vk.io/singularity-mounts': `--bind /data/x:${p}:ro` },
    })),
  ],
  [
    'binds as written',
    hostile.bindsText.map((t) => ({
      ...base,
      annotations: { ...base.annotations, 'job.vk.io/singularity-mounts': t, 'slurm-job.vk.io/singularity-mounts': t },
    })),
  ],
  [
    'singularity options',
    hostile.words.map((t) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/singularity-options': t } })),
  ],
  ['MPI flags', hostile.words.map((t) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/mpi-flags': t } }))],
  ['image', hostile.image.map((image) => ({ ...base, image }))],
  [
    'image-root',
    fc.tuple(hostile.image, hostile.text).map(([root, image]) => ({
      ...base,
      image: image.replace(/^.*:\/\//, ''),
      annotations: { ...base.annotations, 'slurm-job.vk.io/image-root': root },
    })),
  ],
  ['flavor', hostile.text.map((t) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/flavor': t } }))],
  ['another plugin annotation', hostile.text.map((t) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/x-site': t } }))],
  [
    'pre-exec (directives only)',
    hostile.preExec.map((t) => ({ ...base, annotations: { ...base.annotations, 'slurm-job.vk.io/pre-exec': t } })),
  ],
  ['environment name', hostile.text.map((n) => ({ ...base, environment: { variables: { [n]: 'v' } } }))],
  ['environment value', hostile.text.map((v) => ({ ...base, environment: { variables: { A: v }, secrets: { S: v } } }))],
  ['service name', hostile.text.map((name) => ({ ...base, name }))],
  ['labels', fc.tuple(hostile.text, hostile.text).map(([k, v]) => ({ ...base, labels: { [k]: v } }))],
  ['a free annotation', fc.tuple(hostile.text, hostile.text).map(([k, v]) => ({ ...base, annotations: { ...base.annotations, [k]: v } }))],
];

describe("hostile input, Offload's validator and the plugin renderer", () => {
  it.each(FIELDS)(
    '%s: whatever is accepted renders safely on 0.6.1 and 0.6.2 (10,000 runs)',
    (_, services) => {
      let accepted = 0;
      fc.assert(
        fc.property(services, fc.string({ maxLength: 30 }), (service, input) => {
          if (validateService(service, site).length > 0) return;
          accepted++;
          expect(hostileRender(buildJob(service, { owner: 'alice', input }).job, site)).toEqual([]);
        }),
        RUNS,
      );
      // Enough values are accepted for the property to say something.
      expect(accepted).toBeGreaterThan(300);
    },
    300_000,
  );
});

describe('hostile input, the admission policy and the plugin renderer', () => {
  const alice = { namespace: 'alice', username: 'alice', groups: [] };
  const settings = { ...site, virtualNodes: ['vega-vk'], exemptGroups: [], exemptUsers: [], namespaceFlavors: [] };
  /** The Job Offload builds for `base`, its one container changed by `edit` as kubectl could. */
  const withSpec = (edit: (job: JobManifest, container: ContainerManifest) => void) => {
    const job = structuredClone(buildJob(base, { owner: 'alice' }).job);
    const [container] = job.spec.template.spec.containers;
    if (container === undefined) throw new Error('no container');
    edit(job, container);
    return job;
  };
  const POD_FIELDS: Array<[string, fc.Arbitrary<JobManifest>]> = [
    [
      'container image',
      hostile.image.map((image) =>
        withSpec((_, c) => {
          c.image = image;
        }),
      ),
    ],
    [
      'environment name',
      hostile.text.map((name) =>
        withSpec((_, c) => {
          c.env.push({ name, value: 'v' });
        }),
      ),
    ],
    [
      'environment value',
      hostile.text.map((value) =>
        withSpec((_, c) => {
          c.env.push({ name: 'B', value });
        }),
      ),
    ],
    [
      'mount path',
      hostile.path.map((p) =>
        withSpec((_, c) => {
          c.volumeMounts = c.volumeMounts.map((m) => ({ ...m, mountPath: p }));
        }),
      ),
    ],
    [
      'hostPath volume',
      hostile.path.map((p) =>
        withSpec((j, c) => {
          j.spec.template.spec.volumes.push({ name: 'h', hostPath: { path: p } });
          c.volumeMounts.push({ name: 'h', mountPath: '/h' });
        }),
      ),
    ],
    [
      'annotations of a kubectl Job',
      fc.tuple(hostile.flagsText, hostile.bindsText).map(([f, b]) =>
        withSpec((j) => {
          j.spec.template.metadata.annotations = { 'slurm-job.vk.io/flags': f, 'slurm-job.vk.io/singularity-mounts': b };
        }),
      ),
    ],
  ];
  it.each(POD_FIELDS)(
    '%s: whatever is admitted renders safely (10,000 runs)',
    (_, jobs) => {
      let admitted = 0;
      fc.assert(
        fc.property(jobs, (job) => {
          if (admissionProblems(job as unknown as AdmissionObject, settings, alice).length > 0) return;
          admitted++;
          expect(hostileRender(job, site)).toEqual([]);
        }),
        RUNS,
      );
      expect(admitted).toBeGreaterThan(300);
    },
    300_000,
  );
});
