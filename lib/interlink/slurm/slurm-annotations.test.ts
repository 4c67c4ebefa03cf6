import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bindMounts, preExec, singularityOptions, slurmFlags } from '../../../scripts/lib/arbitraries/service.ts';
import { emptySlurmSettings, readSlurmAnnotations, writeSlurmAnnotations, type SlurmSettings } from './slurm-annotations';

const FLAGS = 'slurm-job.vk.io/flags';
const MOUNTS = 'slurm-job.vk.io/singularity-mounts';
const OPTIONS = 'slurm-job.vk.io/singularity-options';
const PRE_EXEC = 'slurm-job.vk.io/pre-exec';
const LEGACY_MOUNTS = 'job.vk.io/singularity-mounts';
const LEGACY_PRE_EXEC = 'job.vk.io/pre-exec';

describe('writeSlurmAnnotations', () => {
  it('writes flags as --name=value tokens, mounts as --bind, pre-exec with a newline, both spellings', () => {
    const settings: SlurmSettings = {
      flags: { partition: 'gpu', gres: 'gpu:1', cpusPerTask: 4, mem: '100G', extra: [] },
      mounts: [{ hostPath: '/ceph/data', containerPath: '/exp_data', readOnly: false }],
      singularityOptions: ' --no-home --no-mount /exa5 ',
      preExec: 'singularity pull /tmp/x.sif docker://alpine',
      legacyAnnotations: true,
    };
    expect(writeSlurmAnnotations(settings, true)).toEqual({
      [FLAGS]: '--partition=gpu --cpus-per-task=4 --mem=100G --gres=gpu:1',
      [MOUNTS]: '--bind /ceph/data:/exp_data',
      [LEGACY_MOUNTS]: '--bind /ceph/data:/exp_data',
      [OPTIONS]: '--no-home --no-mount /exa5',
      [PRE_EXEC]: 'singularity pull /tmp/x.sif docker://alpine\n',
      [LEGACY_PRE_EXEC]: 'singularity pull /tmp/x.sif docker://alpine\n',
    });
    expect(Object.keys(writeSlurmAnnotations({ ...settings, legacyAnnotations: false }, true))).toEqual([FLAGS, MOUNTS, OPTIONS, PRE_EXEC]);
  });

  it('always gives a virtual target --cpus-per-task and --mem, and an ordinary one nothing it did not ask for', () => {
    expect(writeSlurmAnnotations(emptySlurmSettings(), true)).toEqual({ [FLAGS]: '--cpus-per-task=1 --mem=1G' });
    expect(writeSlurmAnnotations(emptySlurmSettings(), false)).toEqual({});
  });
});

describe('readSlurmAnnotations', () => {
  it('normalises pasted space-separated flags instead of refusing them', () => {
    const { settings, issues } = readSlurmAnnotations({
      [FLAGS]: '-p gpu --gres=gpu:1 --cpus-per-task=4 --mem=100G --ntasks-per-node=1 --nodes=1',
    });
    expect(issues).toEqual([]);
    expect(writeSlurmAnnotations(settings, true)[FLAGS]).toBe(
      '--partition=gpu --nodes=1 --ntasks-per-node=1 --cpus-per-task=4 --mem=100G --gres=gpu:1',
    );
  });

  it('reports problems under the annotation key and the field', () => {
    const { issues } = readSlurmAnnotations({
      [FLAGS]: '--time=2h --output=/x',
      [MOUNTS]: '--bind data:/x',
      [OPTIONS]: "--env 'A",
      [PRE_EXEC]: '#SBATCH --mem=1',
      [LEGACY_PRE_EXEC]: 'echo "',
    });
    expect(issues).toEqual([
      { path: [FLAGS, 'time'], message: expect.stringMatching(/not a Slurm time limit/) },
      { path: [FLAGS, 'extra:output'], message: expect.stringMatching(/breaks log collection/) },
      { path: [MOUNTS, 0, 'hostPath'], message: expect.stringMatching(/absolute path/) },
      { path: [OPTIONS], message: expect.stringMatching(/unclosed single quote/) },
      { path: [PRE_EXEC], message: expect.stringMatching(/#SBATCH directive/) },
      { path: [LEGACY_PRE_EXEC], message: expect.stringMatching(/unclosed double quote/) },
    ]);
  });

  it('keeps what it could read from invalid flags', () => {
    expect(readSlurmAnnotations({ [FLAGS]: '--partition=gpu --time=2h' }).settings.flags.partition).toBe('gpu');
  });

  it('takes the current spelling when both differ, and says so', () => {
    const { settings, notes } = readSlurmAnnotations({
      [MOUNTS]: '--bind /home/x:/tmp',
      [LEGACY_MOUNTS]: '--bind /data/:/interlink/',
      [PRE_EXEC]: 'echo new\n',
      [LEGACY_PRE_EXEC]: 'echo old',
    });
    expect(settings.mounts).toEqual([{ hostPath: '/home/x', containerPath: '/tmp', readOnly: false }]);
    expect(settings.preExec).toBe('echo new');
    expect(settings.legacyAnnotations).toBe(true);
    expect(notes).toEqual([
      expect.stringMatching(/job.vk.io\/singularity-mounts differs/),
      expect.stringMatching(/job.vk.io\/pre-exec differs/),
    ]);
  });

  it('reads the legacy spelling alone, and keeps writing it', () => {
    const { settings, notes } = readSlurmAnnotations({ [LEGACY_MOUNTS]: '--bind /a:/b', [LEGACY_PRE_EXEC]: 'echo x' });
    expect(settings).toMatchObject({
      mounts: [{ hostPath: '/a', containerPath: '/b', readOnly: false }],
      preExec: 'echo x',
      legacyAnnotations: true,
    });
    expect(notes).toEqual([]);
    expect(readSlurmAnnotations({ [MOUNTS]: '--bind /a:/b' }).settings.legacyAnnotations).toBe(false);
    expect(readSlurmAnnotations({}).settings.legacyAnnotations).toBe(true);
  });

  it('fills --cpus-per-task/--mem from defaults only when absent', () => {
    expect(readSlurmAnnotations({}, { cpusPerTask: 3, mem: '4G' }).settings.flags).toEqual({ cpusPerTask: 3, mem: '4G', extra: [] });
    expect(readSlurmAnnotations({ [FLAGS]: '--cpus-per-task=8' }, { cpusPerTask: 3 }).settings.flags.cpusPerTask).toBe(8);
  });
});

describe('properties', () => {
  const settings: fc.Arbitrary<SlurmSettings> = fc.record({
    flags: slurmFlags,
    mounts: bindMounts,
    singularityOptions,
    preExec,
    legacyAnnotations: fc.boolean(),
  });
  // Legacy spelling only matters when there is something to write under it.
  const normal = (s: SlurmSettings): SlurmSettings => ({
    ...s,
    legacyAnnotations: s.legacyAnnotations || (s.mounts.length === 0 && s.preExec === ''),
  });

  it('read(write(s)) gives s back, valid and single-line but for pre-exec (10,000 runs)', () => {
    fc.assert(
      fc.property(settings, fc.boolean(), (s, virtual) => {
        const annotations = writeSlurmAnnotations(s, virtual);
        for (const [key, value] of Object.entries(annotations)) {
          if (!key.endsWith('pre-exec')) expect(value).not.toMatch(/[\r\n]/);
        }
        const read = readSlurmAnnotations(annotations);
        expect(read.issues).toEqual([]);
        expect(read.notes).toEqual([]);
        expect(read.settings).toEqual(normal(s));
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
