import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { BALANCED_TEXT, COUNT_VALUE, DIRECTIVE_LINE, FLAGS_TEXT, MEM_VALUE, TIME_VALUE } from './admission-patterns';
import { unbalancedQuote } from '../slurm/shell-text';
import { memError, parsePositiveInt, positiveIntError, timeError } from '../slurm/slurm-flag-rules';

// The patterns the admission policy runs in CEL say exactly what Offload's own checks say in
// words: the policy and the validator accept the same text.

const runs = { numRuns: 10_000 };
const test = (pattern: string) => (text: string) => new RegExp(pattern).test(text);

describe('patterns shared with the admission policy', () => {
  it('BALANCED_TEXT accepts exactly what unbalancedQuote accepts (10,000 runs)', () => {
    const unit = fc.constantFrom("'", '"', '`', '\\', '#', ' ', '\t', '\n', ';', '|', '(', 'a', 'b', '$', '\r', 'é', '\u00a0', '\v');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 16 }), (text) => {
        expect(test(BALANCED_TEXT)(text)).toBe(unbalancedQuote(text) === null);
      }),
      runs,
    );
  }, 120_000);

  it.each([
    ['echo "it\'s" # don\'t', true],
    ["a#b'", false],
    ['x \\', false],
    ["#'\necho 'x", false],
    ["echo 'a\nb'", true],
    ['`date`', true],
  ])('BALANCED_TEXT on %j is %s', (text, balanced) => {
    expect(test(BALANCED_TEXT)(text)).toBe(balanced);
  });

  it('TIME_VALUE, MEM_VALUE and COUNT_VALUE accept what the field checks accept (10,000 runs each)', () => {
    const digits = fc.stringMatching(/^[0-9]{1,4}$/);
    const time = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.array(digits, { minLength: 1, maxLength: 4 }).chain((p) => fc.constantFrom(':', '-').map((sep) => p.join(sep))),
      fc.tuple(digits, digits, digits, digits).map(([d, h, m, s]) => `${d}-${h}:${m}:${s}`),
    );
    fc.assert(
      fc.property(time, (t) => {
        expect(test(TIME_VALUE)(t)).toBe(timeError(t) === null);
      }),
      runs,
    );
    const mem = fc.tuple(fc.stringMatching(/^[0-9]{0,6}$/), fc.constantFrom('', 'K', 'g', 'Gi', 'GB', 'x', ' ')).map(([n, u]) => n + u);
    fc.assert(
      fc.property(fc.oneof(mem, fc.string({ maxLength: 6 })), (m) => {
        expect(test(MEM_VALUE)(m)).toBe(memError(m) === null);
      }),
      runs,
    );
    const count = fc.oneof(fc.stringMatching(/^[0-9]{0,12}$/), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(count, (c) => {
        const n = parsePositiveInt(c);
        expect(test(COUNT_VALUE)(c)).toBe(n !== null && positiveIntError(n) === null);
      }),
      runs,
    );
  }, 120_000);

  it('FLAGS_TEXT is printable ASCII without " # \' \\ `', () => {
    const allowed = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)).filter((c) => test(FLAGS_TEXT)(c));
    expect(allowed.join('')).toBe(
      Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i))
        .filter((c) => !'"#\'\\`'.includes(c))
        .join(''),
    );
    expect(test(FLAGS_TEXT)('caf\u00e9')).toBe(false);
  });

  it('DIRECTIVE_LINE finds the lines sbatch 22.05 reads as directives, and more', () => {
    for (const text of ['#SBATCH --wait', 'echo\n#PBS -o /x', 'a\n#BSUB -J x', '  #sbatch -p x', '#SBATCH--wait'])
      expect(test(DIRECTIVE_LINE)(text)).toBe(true);
    for (const text of ['echo #SBATCH', '# SBATCH', 'echo a']) expect(test(DIRECTIVE_LINE)(text)).toBe(false);
  });
});
