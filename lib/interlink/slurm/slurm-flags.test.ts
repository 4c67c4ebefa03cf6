import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { extraFlag } from '../../../scripts/lib/arbitraries/service.ts';
import { parseSlurmFlags, renderSlurmFlags, SlurmFlagsError, validateSlurmFlags, type SlurmFlags } from './slurm-flags';

function parsed(text: string): SlurmFlags {
  const r = parseSlurmFlags(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.flags;
}

function errorsOf(text: string): Array<{ field: string; message: string }> {
  const r = parseSlurmFlags(text);
  return r.ok ? [] : r.errors;
}

describe('parseSlurmFlags', () => {
  it('reads the OSCAR thermal-detector example', () => {
    expect(parsed('--job-name=thermal-detector --time=02:30:00 --nodes=1')).toEqual({
      jobName: 'thermal-detector',
      time: '02:30:00',
      nodes: 1,
      extra: [],
    });
  });

  it('reads the itwinai 3DGAN example with a short -p', () => {
    expect(parsed('-p gpu --gres=gpu:1 --cpus-per-task=4 --mem=100G --ntasks-per-node=1 --nodes=1')).toEqual({
      partition: 'gpu',
      gres: 'gpu:1',
      cpusPerTask: 4,
      mem: '100G',
      ntasksPerNode: 1,
      nodes: 1,
      extra: [],
    });
  });

  it.each([
    ['--nodes 2', { nodes: 2 }],
    ['-N 2', { nodes: 2 }],
    ['-N2', { nodes: 2 }],
    ['-c 4', { cpusPerTask: 4 }],
    ['-t 1-12', { time: '1-12' }],
    ['-J train', { jobName: 'train' }],
    ['-pgpu', { partition: 'gpu' }],
    ['--partition gpu', { partition: 'gpu' }],
    ['  --mem=4g   --time=90 ', { mem: '4g', time: '90' }],
    ['--time=90 --part gpu --cpus-per-t=2', { time: '90', partition: 'gpu', cpusPerTask: 2 }],
    ['-N0002', { nodes: 2 }],
  ])('accepts %j', (text, expected) => {
    expect(parsed(text)).toEqual({ extra: [], ...expected });
  });

  it('keeps unknown flags, with and without values, and the last of repeats', () => {
    expect(parsed('--account=proj1 --exclusive --qos normal -A proj2 --time=5 --time=10')).toEqual({
      time: '10',
      extra: [
        { name: 'exclusive', value: null },
        { name: 'qos', value: 'normal' },
        { name: 'account', value: 'proj2' },
      ],
    });
  });

  it('names an abbreviated option by the option sbatch reads', () => {
    expect(parsed('--exclusi --accou=p1 -k')).toEqual({
      extra: [
        { name: 'exclusive', value: null },
        { name: 'account', value: 'p1' },
        { name: 'no-kill', value: null },
      ],
    });
  });

  it('accepts an empty value', () => {
    expect(parsed('')).toEqual({ extra: [] });
  });

  it.each([
    ['--time=2h', 'time', /not a Slurm time limit; use M, M:S, H:M:S, D-H, D-H:M or D-H:M:S/],
    ['--time=1:60', 'time', /out of range/],
    ['--time=1-24', 'time', /hours are 0-23/],
    ['--time=1:2:3:4', 'time', /not a Slurm time/],
    ['--mem=4Gi', 'mem', /Kubernetes unit; Slurm takes K, M, G or T \(e\.g\. 4G\)/],
    ['--mem=4GB', 'mem', /not a memory size/],
    ['--mem=0', 'mem', /must be positive/],
    ['--cpus-per-task=0', 'cpusPerTask', /positive integer/],
    ['--nodes=1.5', 'nodes', /positive integer/],
    ['--ntasks-per-node=x', 'ntasksPerNode', /positive integer/],
    ['--partition', 'partition', /needs a value/],
    ['--job-name="my job"', 'flags', /quotes/],
    ['--gres=gpu:1\\', 'flags', /backslash/],
    ['--comment=a#b', 'flags', /must not contain '#'/],
    ['--comment=caf\u00e9', 'flags', /printable ASCII/],
    ['--time=5\t--wait', 'flags', /printable ASCII/],
    ['--outpu=/x', 'extra:output', /--outpu is --output to sbatch, which is not allowed: .*breaks log collection/],
    ['--err=/dev/null', 'extra:error', /--err is --error to sbatch, which is not allowed/],
    [
      '--mem-per-c=1',
      'extra:mem-per-cpu',
      /--mem-per-c is --mem-per-cpu to sbatch, which is not allowed: it cannot be combined with --mem/,
    ],
    ['--ti=5', 'extra:ti', /ambiguous: sbatch cannot tell --time, --time-min apart/],
    ['--mem-per=1', 'extra:mem-per', /ambiguous: sbatch cannot tell --mem-per-cpu, --mem-per-gpu apart/],
    ['--wait', 'extra:wait', /--wait is not allowed: it makes sbatch wait/],
    ['-W', 'extra:wait', /--wait is not allowed/],
    ['-OW', 'extra:overcommit', /-O takes no value: sbatch would read '-OW' as several short flags/],
    ['--test-only', 'extra:test-only', /not allowed: it only checks the job/],
    ['--parsable', 'extra:parsable', /not allowed/],
    ['--array=0-999', 'extra:array', /not allowed: it makes an array of jobs/],
    ['--chdir=/', 'extra:chdir', /not allowed/],
    ['-D /', 'extra:chdir', /not allowed/],
    ['--uid=0', 'extra:uid', /decided by the plugin/],
    ['--export=LD_PRELOAD=/x.so', 'extra:export', /environment on the HPC side/],
    ['--foo=1', 'extra:foo', /'--foo' is not an sbatch option/],
    ['--contiguous=yes', 'extra:contiguous', /--contiguous takes no value/],
    ['--account --qos=normal --account=p', 'extra:account', /--account needs a value/],
    ['--comment', 'extra:comment', /--comment needs a value/],
    ['-J', 'jobName', /needs a value/],
    ['--job-name=', 'jobName', /is empty/],
    ['--time=99:99 --time=5', 'time', /out of range/],
    ['--exclusive user', 'flags', /'user' is not a flag/],
    ['-t=5', 'time', /'=5' is not a Slurm time limit/],
    ['--nodes=1000000000', 'nodes', /positive integer, at most 999999999/],
    ['--output=/tmp/x.out', 'extra:output', /breaks log collection/],
    ['--error=/tmp/x.err', 'extra:error', /log collection/],
    ['-o x.out', 'extra:output', /breaks log collection/],
    ['-e x.err', 'extra:error', /log collection/],
    ['--mem-per-cpu=2G', 'extra:mem-per-cpu', /cannot be combined with --mem/],
    ['--mem-per-gpu 2G', 'extra:mem-per-gpu', /cannot be combined with --mem/],
    ['-Z 1', 'flags', /unsupported short flag '-Z'/],
    ['gpu', 'flags', /not a flag/],
    ['--Bad_Name=1', 'extra:Bad_Name', /not a flag name/],
  ])('rejects %j on %s', (text, field, message) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('rejects newlines and #SBATCH before anything else', () => {
    expect(errorsOf('--time=10\n--mem=1G')).toEqual([{ field: 'flags', message: expect.stringMatching(/one line/) }]);
    expect(errorsOf('#SBATCH --time=10')).toEqual([{ field: 'flags', message: expect.stringMatching(/#SBATCH/) }]);
  });

  it.each(['90', '90:30', '02:30:00', '1-12', '1-12:30', '1-12:30:15', '0'])('accepts Slurm time %s', (time) => {
    expect(validateSlurmFlags({ time, extra: [] })).toEqual([]);
  });
});

describe('renderSlurmFlags', () => {
  it('writes only --name=value tokens, always with --cpus-per-task and --mem', () => {
    expect(renderSlurmFlags({ partition: 'gpu', nodes: 1, extra: [{ name: 'exclusive', value: null }] })).toBe(
      '--partition=gpu --nodes=1 --cpus-per-task=1 --mem=1G --exclusive',
    );
    expect(renderSlurmFlags(parsed('-p gpu --gres=gpu:1 --cpus-per-task=4 --mem=100g'))).toBe(
      '--partition=gpu --cpus-per-task=4 --mem=100G --gres=gpu:1',
    );
  });

  it('refuses to render an invalid model', () => {
    expect(() => renderSlurmFlags({ jobName: 'a b', extra: [] })).toThrow(SlurmFlagsError);
    expect(() => renderSlurmFlags({ extra: [{ name: 'output', value: 'x' }] })).toThrow(/log collection/);
  });
});

describe('properties', () => {
  const safe = fc.stringMatching(/^[A-Za-z0-9._:,=+@%/[\]-]{1,20}$/);
  const int = fc.integer({ min: 1, max: 100_000 });
  const time = fc.oneof(
    fc.nat({ max: 10_000 }).map(String),
    fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 59 }), fc.nat({ max: 59 })).map(([h, m, s]) => `${h}:${m}:${s}`),
    fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 23 }), fc.nat({ max: 59 })).map(([d, h, m]) => `${d}-${h}:${m}`),
  );
  const mem = fc.tuple(int, fc.constantFrom('', 'K', 'M', 'G', 'T', 'g')).map(([n, u]) => `${n}${u}`);
  const extras = fc.uniqueArray(extraFlag, { selector: (e) => e.name, maxLength: 4 });
  const model: fc.Arbitrary<SlurmFlags> = fc.record(
    {
      jobName: safe,
      time,
      cpusPerTask: int,
      nodes: int,
      mem,
      partition: safe,
      gres: safe,
      ntasksPerNode: int,
      extra: extras,
    },
    { requiredKeys: ['extra'] },
  );

  it('render(parse(render(m))) equals render(m)', () => {
    fc.assert(
      fc.property(model, (m) => {
        const once = renderSlurmFlags(m);
        expect(renderSlurmFlags(parsed(once))).toBe(once);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('never renders whitespace, a newline or a quote inside a value', () => {
    const anyModel = fc.record(
      {
        jobName: fc.string(),
        partition: fc.string(),
        gres: fc.string(),
        extra: fc.array(fc.record({ name: fc.string(), value: fc.option(fc.string(), { nil: null }) }), { maxLength: 3 }),
      },
      { requiredKeys: ['extra'] },
    );
    fc.assert(
      fc.property(fc.oneof(model, anyModel), (m) => {
        let out: string;
        try {
          out = renderSlurmFlags(m);
        } catch (e) {
          expect(e).toBeInstanceOf(SlurmFlagsError);
          return;
        }
        for (const token of out.split(' ')) expect(token).toMatch(/^--[a-z][a-z0-9-]*(=[^\s'"`\\]+)?$/);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
