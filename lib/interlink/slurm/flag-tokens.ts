import { FLAGS_TEXT, MAX_FLAG_TOKENS } from '../admission/admission-patterns.ts';
import { resolveSbatchOption, SBATCH_SHORT_OPTIONS, sbatchOption, shortTakesValue } from './sbatch-options.ts';

// The flags annotation read as sbatch will read it. Plugin 0.6.1 writes each space-separated
// item on its own `#SBATCH` line, 0.6.2 writes a flag and the items after it on one line, and
// sbatch gathers the words of all `#SBATCH` lines into one argument list for getopt_long (seen
// in the lab: `#SBATCH -t` then `#SBATCH 5` is a 5-minute limit). So an item is a flag
// (`--name[=value]`, `-X[value]`) or the value of the flag just before it, and a flag that
// needs a value and has none would take the next line's word — the plugin's own `--uid=` —
// as its value. admission-policy.ts says the same in CEL, item for item.

export type FlagTokenKind = 'long' | 'long=' | 'short' | 'short+' | 'value';

export interface FlagToken {
  text: string;
  kind: FlagTokenKind;
  /** The long name as written (`outpu`), or the short letter. */
  written: string;
  /** The sbatch option it is, or null when it is none or could be several. */
  option: string | null;
  /** `value` of `--name=value` or `-Xvalue`; '' otherwise. */
  attached: string;
}

export function flagToken(text: string): FlagToken {
  if (text.startsWith('--')) {
    const eq = text.indexOf('=');
    const written = eq === -1 ? text.slice(2) : text.slice(2, eq);
    return {
      text,
      kind: eq === -1 ? 'long' : 'long=',
      written,
      option: resolveSbatchOption(written),
      attached: eq === -1 ? '' : text.slice(eq + 1),
    };
  }
  if (text.startsWith('-')) {
    const written = text.slice(1, 2);
    const option = Object.hasOwn(SBATCH_SHORT_OPTIONS, written) ? (SBATCH_SHORT_OPTIONS[written] ?? null) : null;
    return { text, kind: text.length > 2 ? 'short+' : 'short', written, option, attached: text.slice(2) };
  }
  return { text, kind: 'value', written: '', option: null, attached: '' };
}

/** The items of the annotation: split on spaces, as both plugin releases do. */
export function flagTokens(text: string): FlagToken[] {
  return text
    .split(' ')
    .filter((t) => t !== '')
    .map(flagToken);
}

/** Does this flag take the next item as its value (`--time 5`, `-p gpu`)? */
export function takesNextItem(t: FlagToken): boolean {
  if (t.option === null) return false;
  if (t.kind === 'long') return sbatchOption(t.option)?.arg === 'required';
  return t.kind === 'short' && shortTakesValue(t.written);
}

/** Why the annotation as a whole cannot be read, or null. */
export function flagTextProblem(text: string): string | null {
  if (/[\r\n]/.test(text)) return 'must be one line: each newline would start a new line in the batch script';
  if (/#SBATCH/i.test(text)) return 'write flags without #SBATCH; the plugin adds it to each flag';
  if (/#/.test(text))
    return (
      "must not contain '#': sbatch reads the rest of the line as a comment, and the flag before " +
      'it would take the next line as its value'
    );
  if (/['"`]/.test(text)) return 'must not contain quotes: sbatch and plugin 0.6.2 read them as quoting';
  if (text.includes('\\')) return 'must not contain a backslash: sbatch and plugin 0.6.2 read it as an escape';
  if (!new RegExp(FLAGS_TEXT).test(text))
    return 'may contain only printable ASCII characters, with single spaces between flags (no tabs or other whitespace)';
  const count = flagTokens(text).length;
  if (count > MAX_FLAG_TOKENS) return `has ${count} items; at most ${MAX_FLAG_TOKENS}`;
  return null;
}

export interface FlagRead {
  token: FlagToken;
  /** The value: attached, or the next item when the flag takes it; null when there is none. */
  value: string | null;
}

export interface FlagsRead {
  flags: FlagRead[];
  /** Items that are no flag's value and no flag. */
  stray: string[];
  /** Flags that need a value and have none. */
  missing: FlagToken[];
}

/** Pairs each flag with its value, the way getopt_long does over the gathered words. */
export function readFlagItems(tokens: readonly FlagToken[]): FlagsRead {
  const out: FlagsRead = { flags: [], stray: [], missing: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.kind === 'value') {
      out.stray.push(t.text);
      continue;
    }
    if (t.kind === 'long=' || t.kind === 'short+') {
      out.flags.push({ token: t, value: t.attached });
      continue;
    }
    const next = tokens[i + 1];
    if (takesNextItem(t)) {
      if (next?.kind === 'value') {
        out.flags.push({ token: t, value: next.text });
        i++;
      } else {
        out.missing.push(t);
        out.flags.push({ token: t, value: null });
      }
    } else {
      out.flags.push({ token: t, value: null });
    }
  }
  return out;
}
