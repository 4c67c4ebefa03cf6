import { WORD_BREAK_CHARS } from '../admission/admission-patterns';

// Checks for text the Slurm plugin pastes into a shell script on the HPC side: flags into
// `#SBATCH` lines, mounts and options into the singularity command, pre-exec before it
// (the Slurm plugin's pkg/slurm/prepare.go). A newline starts a new script line and an unclosed quote swallows the
// lines after it, including the job itself, so such text is refused before it leaves.

/** POSIX single-quoting, as the plugin quotes paths (`'` becomes `'\''`). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

// bash's metacharacters: the characters that end a word (admission-patterns.ts WORD_BREAK_CHARS).
const WORD_BREAK = new RegExp(`[${WORD_BREAK_CHARS}]`);

/**
 * Why `text` would leave the shell inside a quote, an escape or a backtick when it ends, or
 * null when it is balanced. Follows POSIX sh: `'…'` is literal, `"…"` honours `\`, `#` at the
 * start of a word comments out the rest of its line.
 */
export function unbalancedQuote(text: string): string | null {
  let state: 'plain' | "'" | '"' | '`' = 'plain';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (state === "'") {
      if (c === "'") state = 'plain';
    } else if (state === '"' || state === '`') {
      if (c === '\\') i++;
      else if (c === state) state = 'plain';
    } else if (c === '\\') {
      if (i === text.length - 1) return 'ends with a backslash, which would join the next script line to it';
      i++;
    } else if (c === "'" || c === '"' || c === '`') {
      state = c;
    } else if (c === '#' && (i === 0 || WORD_BREAK.test(text.charAt(i - 1)))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end;
    }
  }
  if (state === 'plain') return null;
  const name = state === '`' ? 'backtick' : state === "'" ? 'single quote' : 'double quote';
  return `has an unclosed ${name} (${state}), which would swallow the rest of the script`;
}

/** Why a one-line value cannot be pasted into the script, or null. */
export function oneLineProblem(value: string): string | null {
  if (value.includes('\n')) return 'must be one line: a newline would start a new line in the batch script';
  if (value.includes('\r')) return 'must not contain a carriage return';
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  return unbalancedQuote(value);
}
