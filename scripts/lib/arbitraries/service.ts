import fc from 'fast-check';

import { SINGULARITY_REFUSED_OPTIONS } from '../../../lib/interlink/admission/admission-patterns.ts';
import type { BindMount } from '../../../lib/interlink/slurm/bind-mounts.ts';
import { envNameError, envValueError } from '../../../lib/interlink/slurm/env-encoding.ts';
import { SBATCH_OPTIONS } from '../../../lib/interlink/slurm/sbatch-options.ts';
import type { ServiceForm } from '../../../lib/interlink/services/service-form.ts';
import type { SlurmFlags } from '../../../lib/interlink/slurm/slurm-flags.ts';

// Test support only (imported by *.test.ts): fast-check generators of valid composer input,
// and of "wild" input that mixes valid fields with arbitrary text.

const MODELLED = new Set(['job-name', 'time', 'cpus-per-task', 'nodes', 'mem', 'partition', 'gres', 'ntasks-per-node']);

export const flagValue = fc.stringMatching(/^[A-Za-z0-9._:,=+@%/[\]-]{1,20}$/);
const int = fc.integer({ min: 1, max: 100_000 });
const time = fc.oneof(
  fc.nat({ max: 10_000 }).map(String),
  fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 59 }), fc.nat({ max: 59 })).map(([h, m, s]) => `${h}:${m}:${s}`),
  fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 23 }), fc.nat({ max: 59 })).map(([d, h, m]) => `${d}-${h}:${m}`),
);
const mem = fc.tuple(int, fc.constantFrom('', 'K', 'M', 'G', 'T')).map(([n, u]) => `${n}${u}`);
/** An allowed sbatch option outside Offload's own fields, with a value when it takes one. */
export const extraFlag = fc
  .constantFrom(...Object.entries(SBATCH_OPTIONS).filter(([n, o]) => o.refused === undefined && !MODELLED.has(n)))
  .chain(([name, o]) =>
    (o.arg === 'none' ? fc.constant(null) : o.arg === 'required' ? flagValue : fc.option(flagValue, { nil: null })).map((value) => ({
      name,
      value,
    })),
  );

/** Valid flags as the form holds them: CPUs and memory always set, memory unit upper-case. */
export const slurmFlags: fc.Arbitrary<SlurmFlags> = fc.record(
  {
    jobName: flagValue,
    time,
    cpusPerTask: int,
    nodes: int,
    mem,
    partition: flagValue,
    gres: flagValue,
    ntasksPerNode: int,
    extra: fc.uniqueArray(extraFlag, { selector: (e) => e.name, maxLength: 4 }),
  },
  { requiredKeys: ['cpusPerTask', 'mem', 'extra'] },
);

const segment = fc.stringMatching(/^[A-Za-z0-9._+@%=~-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
export const absolutePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((p) => `/${p.join('/')}`);
export const bindMounts: fc.Arbitrary<BindMount[]> = fc.uniqueArray(
  fc.record({ hostPath: absolutePath, containerPath: absolutePath.filter((p) => !p.startsWith('/oscar')), readOnly: fc.boolean() }),
  { selector: (m) => m.containerPath.replace(/\/+$/, ''), maxLength: 4 },
);

const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9=/._][A-Za-z0-9=/._-]{0,11}$/),
  fc
    .stringMatching(/^--[a-z][a-z-]{1,10}(=[A-Za-z0-9/._]{1,8})?$/)
    .filter((w) => !Object.hasOwn(SINGULARITY_REFUSED_OPTIONS, w.slice(2).split('=')[0] ?? '')),
);
export const singularityOptions = fc.array(word, { maxLength: 4 }).map((w) => w.join(' ').trim());

const line = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 ./=$_|&;()-]{0,30}$/).filter((l) => !/^\s*#/.test(l)),
  fc.stringMatching(/^[A-Za-z0-9 ./=$_-]{0,20}$/).map((s) => `echo '${s}' "${s.replaceAll('$', '')}"`),
  fc.constant("# a comment, with an apostrophe: don't"),
);
/** '' (no pre-exec) or non-blank text: blank text is "no pre-exec" and reads back as ''. */
export const preExec = fc
  .array(line, { maxLength: 5 })
  .map((l) => l.join('\n'))
  .map((t) => (t.trim() === '' ? '' : t));

export const envName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/).filter((n) => envNameError(n) === null);
export const envValue = fc.string({ unit: 'binary', maxLength: 30 }).filter((v) => envValueError(v) === null);
const rows = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>) =>
  fc.uniqueArray(fc.record({ key, value }), { selector: (r) => r.key, maxLength: 4 });
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,10}[A-Za-z0-9])?)?$/);
const labelKey = fc.stringMatching(/^([a-z]{1,6}\.example\/)?[a-z][a-z0-9]{0,8}$/);

export const dnsName = fc.stringMatching(/^[a-z]([a-z0-9-]{0,37}[a-z0-9])?$/);
const dockerRef = fc
  .tuple(
    fc.constantFrom('', 'ghcr.io/', 'registry.example:5000/'),
    fc.stringMatching(/^[a-z0-9]{1,8}(\/[a-z0-9]{1,8})?$/),
    fc.constantFrom('', ':latest', ':1.0'),
  )
  .map(([host, path, tag]) => `${host}${path}${tag}`);

/** A form every rule accepts; `virtual` picks the target kind. */
export function validForm(virtual: boolean): fc.Arbitrary<ServiceForm> {
  return fc.record({
    name: dnsName,
    namespace: dnsName,
    image: virtual
      ? fc.oneof(
          dockerRef.map((r) => `docker://${r}`),
          absolutePath.map((p) => `${p.replace(/[=%~]/g, '_')}.sif`),
        )
      : dockerRef,
    script: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 60 })
      .filter((s) => s.trim() !== '' && !s.includes('\u0000') && !/\p{Cs}/u.test(s)),
    target: fc.constant(virtual ? 'vega-vk' : ''),
    cpu: fc.constantFrom('', '0.2', '2', '500m'),
    memory: fc.constantFrom('', '256Mi', '4Gi'),
    enableGpu: fc.boolean(),
    logLevel: fc.constantFrom('', 'INFO', 'CRITICAL'),
    vo: fc.constantFrom('', 'dev.intertwin.eu'),
    visibility: fc.constantFrom('private', 'public', 'restricted'),
    allowedUsers: fc.array(fc.stringMatching(/^[a-z0-9@.]{1,12}$/), { maxLength: 2 }),
    slurm: slurmFlags,
    mounts: bindMounts,
    singularityOptions,
    preExec,
    legacyAnnotations: fc.boolean(),
    env: rows(
      envName.filter((n) => !n.startsWith('S_')),
      envValue,
    ),
    secrets: rows(
      envName.map((n) => `S_${n}`),
      envValue,
    ),
    labels: rows(labelKey, labelValue),
    annotations: rows(
      labelKey.map((k) => `note.example/${k.replace(/^.*\//, '')}`),
      fc.string({ maxLength: 20 }),
    ),
  });
}

/** What a person might type anywhere: valid parts mixed with arbitrary text. */
const wild = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('\n', '\r', ' ', '#SBATCH ', '--x=1', '-p', "'", '"', '\\', 'a', '/', ':', ','), maxLength: 12 }),
);
export function wildForm(): fc.Arbitrary<ServiceForm> {
  const maybe = <T>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: odd, weight: 1 });
  return fc
    .tuple(
      validForm(true),
      fc.record({
        jobName: maybe(flagValue, wild),
        partition: maybe(flagValue, wild),
        time: maybe(time, wild),
        extraValue: maybe(flagValue, wild),
        hostPath: maybe(absolutePath, wild),
        options: maybe(singularityOptions, wild),
        preExec: maybe(preExec, wild),
      }),
    )
    .map(([form, w]) => ({
      ...form,
      slurm: {
        ...form.slurm,
        jobName: w.jobName,
        partition: w.partition,
        time: w.time,
        extra: [...form.slurm.extra, { name: 'account', value: w.extraValue }],
      },
      mounts: [...form.mounts, { hostPath: w.hostPath, containerPath: '/data-wild', readOnly: false }],
      singularityOptions: w.options,
      preExec: w.preExec,
    }));
}
