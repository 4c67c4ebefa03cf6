import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hpcNeeds, type HpcNeeds } from './hpc-needs';
import { LAB_HPC, labVerdict } from './lab-hpc';
import { diagnoseLog } from '../jobs/log-diagnosis';
import { SERVICE_TEMPLATES } from './templates';

const needsOf = (id: string) => {
  const t = SERVICE_TEMPLATES.find((x) => x.id === id);
  if (t === undefined) throw new Error(`no template ${id}`);
  return hpcNeeds(t.form, t.imageCommands);
};

const base: HpcNeeds = {
  image: { ref: 'docker://alpine:3.20', local: false, madeByPreExec: false, commands: [] },
  paths: [],
  partition: null,
  gpus: 0,
};

describe('labVerdict', () => {
  it('says hello-HPC succeeds on the lab', () => {
    expect(labVerdict(needsOf('hello-hpc'))).toMatchObject({ outcome: 'succeeds', expect: null });
  });

  it.each(['itwinai-3dgan', 'itwinai-3dgan-sif'])('says %s fails on the lab for want of itwinai, in the job page’s own words', (id) => {
    const verdict = labVerdict(needsOf(id));
    expect(verdict.outcome).toBe('fails');
    expect(verdict.why).toContain('has no itwinai');
    // The same sentence the job page derives from the log the lab writes (dash's wording).
    const log = '[singularity stand-in] cannot pull or unpack …\n/tmp/job/script.sh: 6: itwinai: not found\n';
    expect(verdict.expect).toBe(diagnoseLog(log, { exitCode: 127 })?.sentence);
  });

  it('foretells a missing bind source in the job page’s words', () => {
    const verdict = labVerdict({ ...base, paths: [{ path: '/scratch/me', boundAt: '/data', readOnly: true }] });
    expect(verdict.outcome).toBe('may-fail');
    const log = "bwrap: Can't find source path /scratch/me: No such file or directory\n";
    expect(verdict.expect).toBe(
      diagnoseLog(log, { exitCode: 1, binds: [{ hostPath: '/scratch/me', containerPath: '/data', readOnly: true }] })?.sentence,
    );
  });

  it('foretells a missing .sif that nothing makes', () => {
    const verdict = labVerdict({ ...base, image: { ref: '/opt/x.sif', local: true, madeByPreExec: false, commands: [] } });
    expect(verdict.outcome).toBe('fails');
    const log =
      'FATAL:   could not open image /opt/x.sif: failed to retrieve path for /opt/x.sif: lstat /opt/x.sif: no such file or directory\n';
    expect(verdict.expect).toBe(diagnoseLog(log, { exitCode: 255 })?.sentence);
  });

  it('says Slurm refuses a partition the lab lacks, or more GPUs than it has', () => {
    expect(labVerdict({ ...base, partition: 'booster' })).toMatchObject({
      outcome: 'refused',
      why: expect.stringContaining('no partition booster'),
    });
    expect(labVerdict({ ...base, partition: 'gpu', gpus: 8 })).toMatchObject({
      outcome: 'refused',
      why: expect.stringContaining('has 4 GPUs, and the job asks for 8 GPUs'),
    });
    expect(labVerdict({ ...base, gpus: 1 })).toMatchObject({
      outcome: 'refused',
      why: expect.stringContaining('partition cpu of the lab has no GPU'),
    });
  });

  it('is never sure of success when the image commands are unknown or a path is not the lab’s', () => {
    const path = fc.constantFrom('/shared/3dgan-data', '/scratch/x', '/data');
    fc.assert(
      fc.property(fc.array(path, { maxLength: 3 }), fc.option(fc.constant<string[]>([])), (paths, commands) => {
        const needs: HpcNeeds = {
          ...base,
          image: { ...base.image, commands },
          paths: paths.map((p) => ({ path: p, boundAt: '/d', readOnly: false })),
        };
        const sure = commands !== null && paths.every((p) => LAB_HPC.paths.includes(p));
        expect(labVerdict(needs).outcome === 'succeeds').toBe(sure);
      }),
    );
  });
});
