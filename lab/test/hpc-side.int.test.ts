import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { hpcNeeds } from '../../lib/interlink/services/hpc-needs';
import { LAB_HPC } from '../../lib/interlink/services/lab-hpc';
import { SERVICE_TEMPLATES } from '../../lib/interlink/services/templates';

import { LAB, ROOT } from '../../scripts/lib/lab-commands.ts';

// What the dashboard says of the lab's HPC side (lib/interlink/services/lab-hpc.ts) is what the lab
// makes (lab/lib/hpc-side.sh, lab/lib/slurm.sh, lab/singularity), and it provides the
// directories every shipped template binds.
const run = promisify(execFile);
const env = { ...process.env, SLURM_CONF: path.join(LAB, 'slurm', 'slurm.conf'), PATH: `${LAB}/bin:${process.env.PATH ?? ''}` };

describe("the lab's HPC side", () => {
  it('has, writable, the directories lab-hpc.ts names: the ones lab/lib/hpc-side.sh makes', () => {
    const shell = /^HPC_PATHS="([^"]*)"$/m.exec(readFileSync(path.join(ROOT, 'lab', 'lib', 'hpc-side.sh'), 'utf8'))?.[1] ?? '';
    expect(shell.split(' ')).toEqual(LAB_HPC.paths);
    for (const p of LAB_HPC.paths) {
      expect(statSync(p).isDirectory()).toBe(true);
      accessSync(p, constants.W_OK);
    }
  });

  it('provides every directory the shipped templates bind', () => {
    for (const t of SERVICE_TEMPLATES) {
      for (const p of hpcNeeds(t.form, t.imageCommands).paths) expect(LAB_HPC.paths, `${t.id} binds ${p.path}`).toContain(p.path);
    }
  });

  it('has the partitions and GPUs lab-hpc.ts names, with its default', async () => {
    const { stdout } = await run('sinfo', ['-h', '-o', '%P %G'], { env });
    const seen: Record<string, { gpus: number }> = {};
    let fallback = '';
    for (const line of stdout.trim().split('\n')) {
      const [name = '', gres = ''] = line.split(' ');
      const partition = name.replace(/\*$/, '');
      if (name.endsWith('*')) fallback = partition;
      seen[partition] = { gpus: Number(/gpu:(\d+)/.exec(gres)?.[1] ?? 0) };
    }
    // The one node carries the GPUs; only the gpu partition is meant for them.
    expect(Object.keys(seen).sort()).toEqual(Object.keys(LAB_HPC.partitions).sort());
    expect(fallback).toBe(LAB_HPC.defaultPartition);
    expect(seen.gpu?.gpus).toBe(LAB_HPC.partitions.gpu?.gpus);
  });

  it('cannot pull images, as lab-hpc.ts says: the stand-in writes a placeholder', async () => {
    expect(LAB_HPC.pullsImages).toBe(false);
    const { stdout } = await run(path.join(LAB, 'bin', 'singularity'), ['version'], { env });
    expect(stdout).toContain('stand-in');
  });
});
