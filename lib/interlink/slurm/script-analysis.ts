import { ENV_NAME } from '../admission/admission-patterns';
import { resolveSbatchOption, sbatchOption, SBATCH_SHORT_OPTIONS } from './sbatch-options';
import { unbalancedQuote } from './shell-text';
import { bindRootError, isUnder, type SiteRules } from '../services/site-rules';

// Reads the scripts the Slurm plugin writes the way sbatch and the shell will, to check that
// nothing a person wrote escaped its place: the hostile-input suites (hostile-input.test.ts on
// the renderer, deploy/test/hostile-input.int.test.ts on the real plugin's files) assert that
// scriptViolations finds nothing in any script made from an accepted input.

/** The lines sbatch reads as directives: #SBATCH/#PBS/#BSUB until the first command (sbatch 22.05, seen in the lab). */
export function directiveLines(batch: string): string[] {
  const out: string[] = [];
  for (const line of batch.split('\n').slice(1)) {
    if (/^#(SBATCH|PBS|BSUB)/.test(line)) out.push(line);
    else if (line.trim() !== '' && !line.startsWith('#')) break;
  }
  return out;
}

/** A directive's words after its magic word, as sbatch's _get_argument splits them. */
export function directiveWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  let started = false;
  const text = line.replace(/^#(SBATCH|PBS|BSUB)/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      word += text.charAt(++i);
      started = true;
    } else if (c === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && c === '#') {
      break;
    } else if (!quoted && /[ \t\r\v\f]/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}

export interface SbatchRead {
  /** The option, or null for a word getopt rejects (sbatch: "Invalid directive"). */
  option: string | null;
  value: string | null;
  /** The value was the next word (a directive line's word, maybe the plugin's own flag). */
  fromNextWord: boolean;
}

/** What getopt_long reads from the words of every #SBATCH line, gathered into one list. */
export function sbatchReads(batch: string): SbatchRead[] {
  const words = directiveLines(batch)
    .filter((l) => l.startsWith('#SBATCH'))
    .flatMap(directiveWords);
  const out: SbatchRead[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = () => (i + 1 < words.length ? (words[++i] ?? '') : null);
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const option = resolveSbatchOption(eq === -1 ? w.slice(2) : w.slice(2, eq));
      const arg = option === null ? undefined : sbatchOption(option)?.arg;
      if (option === null || (arg === 'none' && eq !== -1)) out.push({ option: null, value: w, fromNextWord: false });
      else if (eq !== -1) out.push({ option, value: w.slice(eq + 1), fromNextWord: false });
      else if (arg === 'required') out.push({ option, value: next(), fromNextWord: true });
      else out.push({ option, value: null, fromNextWord: false });
    } else if (w.startsWith('-') && w.length > 1) {
      for (let k = 1; k < w.length; k++) {
        const letter = w.charAt(k);
        const option = Object.hasOwn(SBATCH_SHORT_OPTIONS, letter) ? (SBATCH_SHORT_OPTIONS[letter] ?? null) : null;
        if (option === null) {
          out.push({ option: null, value: w, fromNextWord: false });
          break;
        }
        if (sbatchOption(option)?.arg !== 'required') {
          out.push({ option, value: null, fromNextWord: false });
          continue;
        }
        const rest = w.slice(k + 1);
        out.push(rest === '' ? { option, value: next(), fromNextWord: true } : { option, value: rest, fromNextWord: false });
        break;
      }
    } else {
      out.push({ option: null, value: w, fromNextWord: false });
    }
  }
  return out;
}

export interface ShellWords {
  /** The words of each command; an unquoted newline starts the next. */
  statements: string[][];
  /** Characters the shell would act on, outside quotes: ; & | < > ( ) $ ` * ? [, # or ~ starting a word. */
  unquoted: string[];
}

/** Text split as POSIX sh does (quotes and escapes), with what it would act on. */
export function shellWords(text: string): ShellWords {
  const out: ShellWords = { statements: [], unquoted: [] };
  let words: string[] = [];
  let word = '';
  let started = false;
  const line = text;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? line.length : end;
      started = true;
    } else if (c === '"') {
      for (i++; i < line.length && line.charAt(i) !== '"'; i++) {
        if (/[$`]/.test(line.charAt(i))) out.unquoted.push(line.charAt(i));
        if (line.charAt(i) === '\\') i++;
        word += line.charAt(i);
      }
      started = true;
    } else if (c === '\\') {
      word += line.charAt(++i);
      started = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (started) words.push(word);
      word = '';
      started = false;
      if (c === '\n' && words.length > 0) {
        out.statements.push(words);
        words = [];
      }
    } else {
      if (/[;&|<>()$`*?[]/.test(c) || (c === '#' && !started) || (c === '~' && !started)) out.unquoted.push(c);
      word += c;
      started = true;
    }
  }
  if (started) words.push(word);
  if (words.length > 0) out.statements.push(words);
  return out;
}

/** Sources of `--bind`, `-B` and `--bind=` items in a command's words. */
export function bindSources(words: readonly string[]): string[] {
  const specs: string[] = [];
  words.forEach((w, i) => {
    if ((w === '--bind' || w === '-B') && i + 1 < words.length) specs.push(words[i + 1] ?? '');
    else if (w.startsWith('--bind=')) specs.push(w.slice('--bind='.length));
  });
  return specs.flatMap((s) => s.split(',')).map((item) => item.split(':')[0] ?? '');
}

export interface RenderedJob {
  /** job.slurm. */
  batch: string;
  /** The #SBATCH lines the plugin writes, as expected: the header's two and one per flag. */
  expectedDirectives: readonly string[];
  /** Each container's runtime command, without the plugin's wrapper around it. */
  commands: readonly string[];
  /** Each container's env file. */
  envFiles: readonly string[];
  /** The job's own directory, whose files the plugin binds itself. */
  jobDir: string;
}

/** Every way the scripts let a person's text out of its place; [] when none. */
export function scriptViolations(job: RenderedJob, site: SiteRules): string[] {
  const v: string[] = [];
  const directives = directiveLines(job.batch);
  if (directives.join('\n') !== job.expectedDirectives.join('\n'))
    v.push(`directives ${JSON.stringify(directives)} are not the expected ${JSON.stringify(job.expectedDirectives)}`);
  for (const read of sbatchReads(job.batch)) {
    if (read.option === null) v.push(`sbatch reads '${read.value ?? ''}' as no option`);
    else if (read.option === 'output' ? read.value !== `${job.jobDir}/job.out` : sbatchOption(read.option)?.refused !== undefined)
      v.push(`sbatch reads --${read.option}=${read.value ?? ''}`);
    else if (read.fromNextWord && (read.value === null || read.value.startsWith('-')))
      v.push(`--${read.option} takes '${read.value ?? ''}' from the next line`);
  }
  const quote = unbalancedQuote(job.batch);
  if (quote !== null) v.push(`job.slurm ${quote}`);
  for (const command of job.commands) {
    const quoteProblem = unbalancedQuote(command);
    if (quoteProblem !== null) v.push(`the command ${quoteProblem}`);
    const words = shellWords(command);
    if (words.unquoted.length > 0 || words.statements.length !== 1)
      v.push(`the shell acts on ${JSON.stringify(words.unquoted)} or a newline in ${command}`);
    for (const source of bindSources(words.statements.flat())) {
      const own = isUnder(source, job.jobDir);
      const problem = own ? null : bindRootError(source, site);
      if (problem !== null) v.push(`bind ${problem}`);
    }
  }
  for (const env of job.envFiles) {
    const words = shellWords(env);
    if (words.unquoted.length > 0) v.push(`the env file has ${JSON.stringify(words.unquoted)} outside quotes`);
    for (const statement of words.statements) {
      const name = (statement[0] ?? '').split('=', 1)[0] ?? '';
      if (statement.length !== 1 || !new RegExp(ENV_NAME).test(name))
        v.push(`the env file has ${JSON.stringify(statement)}, not one NAME=value`);
    }
  }
  return v;
}
