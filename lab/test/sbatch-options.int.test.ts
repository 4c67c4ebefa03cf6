import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { SBATCH_OPTIONS, SBATCH_SHORT_OPTIONS, resolveSbatchOption, sbatchOptionCandidates } from '@/lib/interlink/slurm/sbatch-options';

import { tempDir } from '../../scripts/lib/lab-commands.ts';

// lib/interlink/slurm/sbatch-options.ts against the lab's real sbatch (Slurm 22.05): every name,
// argument and short letter, and every prefix of every name, resolved as sbatch's
// getopt_long resolves it. sbatch is pointed at a controller that does not exist, so nothing
// can be submitted: it only parses its options and stops.

const conf = path.join(tempDir('offload-sbatch-'), 'slurm.conf');
writeFileSync(conf, 'ClusterName=options\nSlurmctldHost=localhost\nSlurmctldPort=9\n');

/** sbatch's first line of complaint about `args`. */
function sbatch(args: string[]): string {
  const r = spawnSync('sbatch', args, { env: { ...process.env, SLURM_CONF: conf }, input: '', encoding: 'utf8', timeout: 10_000 });
  return `${r.stderr}${r.stdout}`.split('\n')[0] ?? '';
}

describe('sbatch options', () => {
  it('names every option sbatch 22.05 knows, each with the argument it takes', () => {
    const named = new Set<string>();
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      for (const m of sbatch([`--${letter}`]).matchAll(/'--([a-z0-9-]+)'/g)) if (m[1] !== letter) named.add(m[1] ?? '');
    }
    expect([...named].sort()).toEqual(Object.keys(SBATCH_OPTIONS).sort());
    for (const [name, option] of Object.entries(SBATCH_OPTIONS)) {
      const bare = sbatch([`--${name}`]);
      const valued = sbatch([`--${name}=x`]);
      const arg = bare.includes('requires an argument') ? 'required' : valued.includes("doesn't allow an argument") ? 'none' : 'optional';
      expect(`--${name} ${arg}`).toBe(`--${name} ${option.arg}`);
    }
  }, 120_000);

  it('reads every prefix of every name as getopt_long does', () => {
    const prefixes = new Set(Object.keys(SBATCH_OPTIONS).flatMap((n) => Array.from({ length: n.length }, (_, k) => n.slice(0, k + 1))));
    const wrong: string[] = [];
    for (const p of prefixes) {
      const answer = sbatch([`--${p}`]);
      const named = /option '--([a-z0-9-]+)' (requires|doesn't)/.exec(
        answer.includes('ambiguous') ? '' : `${answer}\n${sbatch([`--${p}=x`])}`,
      )?.[1];
      const said = answer.includes('ambiguous') ? null : (named ?? (answer.includes('unrecognized') ? null : 'resolved'));
      const ours = resolveSbatchOption(p);
      const agrees = said === 'resolved' ? ours !== null && sbatchOptionCandidates(p).length === 1 : said === ours;
      if (!agrees) wrong.push(`--${p}: sbatch ${said ?? 'none'}, ours ${ours ?? 'none'}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('has the short letters sbatch has', () => {
    for (const [letter, name] of Object.entries(SBATCH_SHORT_OPTIONS)) {
      const takes = SBATCH_OPTIONS[name]?.arg === 'required';
      expect(`-${letter} ${sbatch([`-${letter}`]).includes('requires an argument')}`).toBe(`-${letter} ${takes}`);
    }
    for (const letter of 'EfgIjlPrRTuUyzXYZ') expect(sbatch([`-${letter}`])).toMatch(/invalid option/);
  }, 120_000);
});
