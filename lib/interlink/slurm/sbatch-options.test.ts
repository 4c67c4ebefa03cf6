import { describe, expect, it } from 'vitest';

import { flagTokens, readFlagItems } from './flag-tokens';
import { resolveSbatchOption, SBATCH_OPTIONS, SBATCH_SHORT_OPTIONS, sbatchOptionCandidates } from './sbatch-options';

describe('sbatch options', () => {
  it.each([
    ['outpu', 'output'],
    ['err', 'error'],
    ['mem-per-c', 'mem-per-cpu'],
    ['test', 'test-only'],
    ['pars', 'parsable'],
    ['arr', 'array'],
    ['chd', 'chdir'],
    ['mem', 'mem'],
    ['time', 'time'],
    ['cluster', 'cluster'],
    ['exclusi', 'exclusive'],
  ])('reads --%s as --%s, as getopt_long does', (written, option) => {
    expect(resolveSbatchOption(written)).toBe(option);
  });

  it.each(['ti', 'wai', 'me', 'mem-per', 'exclu', 'a', '', 'foo', 'Time', 'constructor'])('reads --%s as no one option', (written) => {
    expect(resolveSbatchOption(written)).toBeNull();
  });

  it("refuses what the issue names, and allows the options of Offload's own fields", () => {
    for (const name of ['output', 'error', 'wait', 'test-only', 'parsable', 'array', 'chdir', 'mem-per-cpu', 'uid', 'export', 'wrap']) {
      expect(SBATCH_OPTIONS[name]?.refused).toEqual(expect.any(String));
    }
    for (const name of [
      'job-name',
      'partition',
      'time',
      'nodes',
      'ntasks-per-node',
      'cpus-per-task',
      'mem',
      'gres',
      'account',
      'exclusive',
    ]) {
      expect(SBATCH_OPTIONS[name]?.refused).toBeUndefined();
    }
  });

  it('has one long name per short letter and writes names as sbatch does', () => {
    expect(SBATCH_SHORT_OPTIONS).toMatchObject({ p: 'partition', t: 'time', W: 'wait', o: 'output', D: 'chdir', a: 'array' });
    for (const name of Object.keys(SBATCH_OPTIONS)) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(sbatchOptionCandidates('mem-per')).toEqual(['mem-per-cpu', 'mem-per-gpu']);
  });

  it('pairs each flag with its value over the gathered words', () => {
    const read = readFlagItems(flagTokens('--time 5 -p gpu -N2 --exclusive x --comment --mem=1G -Q'));
    expect(read.flags.map((f) => [f.token.option, f.value])).toEqual([
      ['time', '5'],
      ['partition', 'gpu'],
      ['nodes', '2'],
      ['exclusive', null],
      ['comment', null],
      ['mem', '1G'],
      ['quiet', null],
    ]);
    expect(read.stray).toEqual(['x']);
    expect(read.missing.map((t) => t.text)).toEqual(['--comment']);
  });
});
