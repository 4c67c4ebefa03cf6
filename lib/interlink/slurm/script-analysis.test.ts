import { describe, expect, it } from 'vitest';

import { directiveWords, sbatchReads, scriptViolations, shellWords } from './script-analysis';

// The checker the hostile-input suites rely on finds each kind of escape it looks for.

const site = { allowedBindRoots: ['/data'], refusedBindRoots: ['/jobs'], preExec: 'allow' as const };
const header = ['#SBATCH --job-name=u1', '#SBATCH --output=/jobs/ns-u1/job.out'];
const ok = {
  batch: `#!/bin/bash\n${header.join('\n')}\n#SBATCH --time=5\n\necho pre /jobs/ns-u1/job.sh\n`,
  expectedDirectives: [...header, '#SBATCH --time=5'],
  commands: [
    'singularity exec --bind /data/x:/x --env-file /jobs/ns-u1/c_envfile.properties  --bind ' +
      "/jobs/ns-u1/volumes/v:/v docker://alpine sh -c 'echo $HOME'",
  ],
  envFiles: ["A='x y'\nB=1\nC='multi\nline'\n"],
  jobDir: '/jobs/ns-u1',
};

describe('scriptViolations', () => {
  it('finds nothing in scripts made from safe input', () => {
    expect(scriptViolations(ok, site)).toEqual([]);
  });

  it.each<[string, Partial<typeof ok>, RegExp]>([
    [
      'a directive from the pre-exec',
      { batch: ok.batch.replace('echo pre', '#SBATCH --wait\necho pre') },
      /directives .* are not the expected/,
    ],
    ['a #PBS directive', { batch: ok.batch.replace('\necho pre', '\n#PBS -o /x\necho pre') }, /directives/],
    [
      'a refused option read by prefix',
      { batch: ok.batch.replace('--time=5', '--outp=/x'), expectedDirectives: [...header, '#SBATCH --outp=/x'] },
      /sbatch reads --output=\/x/,
    ],
    [
      'a flag taking the next line as its value',
      {
        batch: ok.batch.replace('--time=5', '--comment\n#SBATCH --uid=0'),
        expectedDirectives: [...header, '#SBATCH --comment', '#SBATCH --uid=0'],
      },
      /--comment takes '--uid=0' from the next line/,
    ],
    ['an unbalanced quote', { batch: `${ok.batch}echo 'x\n` }, /job.slurm has an unclosed single quote/],
    ['shell in the command', { commands: ['singularity exec docker://a;id sh'] }, /the shell acts on \[";"\]/],
    ['a bind of another job', { commands: ['singularity exec --bind /jobs/ns-u2:/j docker://a'] }, /bind '\/jobs\/ns-u2' is inside \/jobs/],
    ['a bind outside the roots', { commands: ['singularity exec -B /etc docker://a'] }, /outside the directories/],
    ['an env file with an unquoted value', { envFiles: ['A=$(id)\n'] }, /outside quotes/],
    ['an env file with two words', { envFiles: ['A=1 touch\n'] }, /not one NAME=value/],
  ])('finds %s', (_, change, message) => {
    expect(scriptViolations({ ...ok, ...change }, site)).toContainEqual(expect.stringMatching(message));
  });

  it('reads directives and commands as sbatch and the shell do', () => {
    expect(directiveWords('#SBATCH --comment="a b" --x=1#rest')).toEqual(['--comment=a b', '--x=1']);
    expect(sbatchReads('#!/bin/bash\n#SBATCH -t\n#SBATCH 5\n#SBATCH -HW\n').map((r) => [r.option, r.value])).toEqual([
      ['time', '5'],
      ['hold', null],
      ['wait', null],
    ]);
    expect(shellWords(`a 'b c' "d $e" f\\ g\nh`)).toEqual({ statements: [['a', 'b c', 'd $e', 'f g'], ['h']], unquoted: ['$'] });
  });
});
