import { COUNT_VALUE, FLAGS_TEXT, MAX_FLAG_TOKENS, MEM_VALUE, TIME_VALUE } from './admission-patterns.ts';
import { SLURM_ANNOTATIONS as SLURM } from '../model/keys.ts';
import { SBATCH_OPTIONS, SBATCH_SHORT_OPTIONS } from '../slurm/sbatch-options.ts';
import { type PolicyKind, type Validation, type Variable, changed, list, map, positions, re, str, v } from './policy-cel.ts';

// The policy's checks of slurm-job.vk.io/flags, read as sbatch 22.05 reads it (sbatch-options.ts).

const OPTIONS = Object.entries(SBATCH_OPTIONS);
const ARG = map(OPTIONS.map(([n, o]) => [n, o.arg === 'required' ? 'r' : o.arg === 'none' ? 'n' : 'o']));
const REFUSED = map(OPTIONS.flatMap(([n, o]) => (o.refused === undefined ? [] : [[n, o.refused] as const])));
const byRule = (rule: string) => OPTIONS.filter(([, o]) => o.value === rule).map(([n]) => n);

export function flagVariables(kind: PolicyKind): Variable[] {
  const recs = v('flagItems');
  const opts = v('flagOptions');
  const kindOf = "t.startsWith('--') ? (t.contains('=') ? 'L=' : 'L') : (t.startsWith('-') ? (t.size() > 2 ? 'S+' : 'S') : 'V')";
  const nameOf =
    "t.startsWith('--') ? (t.contains('=') ? t.substring(2, t.indexOf('=')) : t.substring(2)) : " +
    "(t.startsWith('-') && t.size() >= 2 ? t.substring(1, 2) : '')";
  const attachedOf =
    "t.startsWith('--') ? (t.contains('=') ? t.substring(t.indexOf('=') + 1) : '') : " +
    "(t.startsWith('-') && t.size() > 2 ? t.substring(2) : '')";
  const names = v('sbatchOptions');
  return [
    { name: 'flags', expression: `${v('annotations')}[?${str(SLURM.flags)}].orValue('')` },
    { name: 'checkFlags', expression: changed(kind, str(SLURM.flags)) },
    { name: 'flagTokens', expression: `${v('flags')}.split(' ').filter(t, t != '')` },
    { name: 'flagItems', expression: `${v('flagTokens')}.map(t, {'t': t, 'k': ${kindOf}, 'n': ${nameOf}, 'v': ${attachedOf}})` },
    { name: 'sbatchOptions', expression: list(OPTIONS.map(([n]) => n)) },
    { name: 'flagShorts', expression: map(Object.entries(SBATCH_SHORT_OPTIONS)) },
    { name: 'flagRefusals', expression: REFUSED },
    {
      // The option sbatch reads: a short letter's, an exact long name, or the one long name a
      // prefix begins (getopt_long); '' for none or several.
      name: 'flagOptions',
      expression:
        `${recs}.map(r, r.k == 'V' ? '' : (r.k == 'S' || r.k == 'S+' ` +
        `? ${v('flagShorts')}[?r.n].orValue('') : (r.n in ${names} ? r.n : (${names}.filter(o, ` +
        `o.startsWith(r.n)).size() == 1 ? ${names}.filter(o, o.startsWith(r.n))[0] : ''))))`,
    },
    { name: 'flagArgs', expression: ARG },
    { name: 'flagAt', expression: `${positions}.filter(i, i < ${recs}.size())` },
    {
      name: 'flagTakesNext',
      expression: `${v('flagAt')}.map(i, (${recs}[i].k == 'L' || ${recs}[i].k == 'S') && ${v('flagArgs')}[?${opts}[i]].orValue('') == 'r')`,
    },
    {
      name: 'flagValues',
      expression:
        `${v('flagAt')}.map(i, ${recs}[i].k == 'L=' || ${recs}[i].k == 'S+' ? ${recs}[i].v : ` +
        `(${v('flagTakesNext')}[i] && i + 1 < ${recs}.size() && ${recs}[i + 1].k == 'V' ? ${recs}[i ` +
        `+ 1].t : ''))`,
    },
  ];
}

export function flagValidations(): Validation[] {
  const recs = v('flagItems');
  const opts = v('flagOptions');
  const at = v('flagAt');
  const guard = (e: string) => `!${v('checkFlags')} || ${e}`;
  const j = (cond: string) => `${at}.filter(i, ${cond})[0]`;
  const first = (cond: string) => `${recs}[${j(cond)}].t`;
  const key = SLURM.flags;
  const refused = `${opts}[i] in ${v('flagRefusals')}`;
  const takesNone = `${recs}[i].k == 'L=' && ${v('flagArgs')}[?${opts}[i]].orValue('') == 'n'`;
  const shortGlued = `${recs}[i].k == 'S+' && ${opts}[i] != '' && ${v('flagArgs')}[${opts}[i]] != 'r'`;
  const missing = `${v('flagTakesNext')}[i] && !(i + 1 < ${recs}.size() && ${recs}[i + 1].k == 'V')`;
  const stray = `${recs}[i].k == 'V' && !(i > 0 && ${v('flagTakesNext')}[i - 1])`;
  const valueRule = (rule: string, pattern: string) =>
    `(!(${opts}[i] in ${list(byRule(rule))}) || ${v('flagValues')}[i].matches(${re(pattern)}))`;
  const badValue =
    `${v('flagValues')}[i] != '' && !(${valueRule('time', TIME_VALUE)} ` +
    `&& ${valueRule('mem', MEM_VALUE)} && ${valueRule('count', COUNT_VALUE)})`;
  return [
    {
      expression: guard(`!${v('flags')}.matches(${re('[\\x0a\\x0d]')})`),
      message: `${key} must be one line: each newline would start a new line in the batch script.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${v('flags')}.matches(${re(FLAGS_TEXT)})`),
      message:
        `${key} may contain only printable ASCII with single spaces between flags, and no quote, ` +
        `backslash or '#': sbatch reads them as quoting and comments on its #SBATCH lines.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${v('flagTokens')}.size() <= ${MAX_FLAG_TOKENS}`),
      message: `${key} has more than ${MAX_FLAG_TOKENS} items.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${at}.all(i, ${recs}[i].k == 'V' || ${opts}[i] != '')`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(`${recs}[i].k != 'V' && ${opts}[i] == ''`)} + "' is not an ` +
        `sbatch option, or is the start of several (write the full name)."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${refused})`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(refused)} + "'" + (${recs}[${j(refused)}].n ` +
        `== ${opts}[${j(refused)}] ? "" : " is --" + ${opts}[${j(refused)}] + " to sbatch, which") ` +
        `+ " is not allowed: " + ${v('flagRefusals')}[${opts}[${j(refused)}]] + "."`,
      reason: 'Forbidden',
    },
    {
      expression: guard(`!${at}.exists(i, ${takesNone} || ${shortGlued})`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(`${takesNone} || ${shortGlued}`)} + "' gives a value to a ` +
        `flag that takes none (write each short flag on its own)."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${recs}[i].k == 'L=' && ${recs}[i].v == '')`),
      messageExpression: `${str(`${key}: '`)} + ${first(`${recs}[i].k == 'L=' && ${recs}[i].v == ''`)} + "' has an empty value."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${missing})`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(missing)} + "' needs a value (--name=value): sbatch would ` +
        `take the next #SBATCH line's word, such as the plugin's own --uid, as its value."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${stray})`),
      messageExpression: `${str(`${key}: '`)} + ${first(stray)} + "' is not a flag; every item must start with - or --."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${badValue})`),
      messageExpression:
        `${str(`${key}: --`)} + ${opts}[${at}.filter(i, ${badValue})[0]] + " '" ` +
        `+ ${v('flagValues')}[${at}.filter(i, ${badValue})[0]] + "' is not a valid value (a time is ` +
        `M, M:S, H:M:S, D-H, D-H:M or D-H:M:S; memory a positive number with K, M, G or T; counts 1 ` +
        `to 999999999)."`,
      reason: 'Invalid',
    },
  ];
}
