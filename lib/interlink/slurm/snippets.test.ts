import { describe, expect, it } from 'vitest';

import { oneLineProblem, shellQuote, unbalancedQuote } from './shell-text';
import { preExecError, readPreExec, renderPreExec, singularityOptionsError } from './snippets';

describe('shell text', () => {
  it('quotes as the plugin does', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it.each([
    [`--no-home --no-mount /exa5`, null],
    [`--env 'A=b c' --x "y z"`, null],
    [`echo "it's" # don't`, null],
    [`echo \\'`, null],
    [`--x 'a`, /unclosed single quote/],
    [`--x "a`, /unclosed double quote/],
    ['--x `date', /unclosed backtick/],
    [`--x a\\`, /ends with a backslash/],
    [`a#b'`, /unclosed single quote/],
  ])('scans %j', (text, expected) => {
    const problem = unbalancedQuote(text);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('wants one line for values pasted into a command', () => {
    expect(oneLineProblem('a\nb')).toMatch(/must be one line: a newline would start a new line in the batch script/);
    expect(oneLineProblem('a\rb')).toMatch(/carriage return/);
    expect(oneLineProblem('a\u0000')).toMatch(/NUL/);
  });
});

describe('singularity options', () => {
  it("accepts OSCAR's example and refuses newlines and unbalanced quotes", () => {
    expect(singularityOptionsError('--no-home --no-mount /exa5')).toBeNull();
    expect(singularityOptionsError('--nv --cleanenv --env=A=1 --pwd /work')).toBeNull();
    expect(singularityOptionsError('--no-home\n--nv')).toMatch(/one line/);
    expect(singularityOptionsError("--env 'A=1")).toMatch(/unclosed single quote/);
  });

  it.each([
    ["--env 'A=b c'", /may contain only letters, digits, spaces/],
    ['--nv;id', /may contain only letters/],
    ['--nv $(id)', /may contain only letters/],
    ['-B /tmp/interlink-jobs:/j', /'-B': write singularity options in their long form/],
    ['-cB /x', /long form/],
    ['--bind /x:/y', /--bind is not allowed: it mounts or reads a path of the HPC side/],
    ['--home=/scratch/interlink-jobs', /--home is not allowed/],
    ['--overlay /x.img', /--overlay is not allowed/],
    ['--add-caps CAP_SYS_ADMIN', /--add-caps is not allowed: it asks Singularity for privileges/],
  ])('refuses %j', (text, message) => {
    expect(singularityOptionsError(text)).toMatch(message);
  });
});

describe('pre-exec', () => {
  it('may span lines', () => {
    expect(preExecError('module load singularity\nexport X=1\n')).toBeNull();
    expect(preExecError('cat <<EOF\nx\nEOF')).toBeNull();
  });

  it.each([
    [
      '#SBATCH --mem=1G',
      /line 1 is an #SBATCH directive \(sbatch also reads #PBS and #BSUB lines\); set Slurm options in the Slurm fields/,
    ],
    ['#PBS -o /x', /line 1 is an #SBATCH directive/],
    ['echo a\n\n#BSUB -J x', /line 3 is an #SBATCH directive/],
    ['#SBATCH--wait', /line 1/],
    ['echo a\n   #SBATCH --time=5', /line 2 is an #SBATCH directive/],
    ['\t#sbatch -p gpu', /line 1 is an #SBATCH directive/],
    ['echo a\r\n', /carriage return/],
    ['echo a\u0000', /NUL/],
    ["echo 'a\n", /unclosed single quote/],
    ['echo a \\', /ends with a backslash/],
    ['echo a \\\n', /ends with a backslash/],
  ])('refuses %j', (text, message) => {
    expect(preExecError(text)).toMatch(message);
  });

  it('always ends with a newline, so plugin 0.6.1 keeps the job script on its own line', () => {
    expect(renderPreExec('module load x')).toBe('module load x\n');
    expect(renderPreExec('a\n')).toBe('a\n\n');
    expect(renderPreExec('  \n ')).toBe('');
    for (const t of ['a', 'a\n', 'a\n\nb']) expect(readPreExec(renderPreExec(t))).toBe(t);
    expect(readPreExec('hand-written without newline')).toBe('hand-written without newline');
  });
});
