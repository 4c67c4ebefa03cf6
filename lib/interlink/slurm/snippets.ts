import { DIRECTIVE_LINE, SINGULARITY_REFUSED_OPTIONS, WORDS_TEXT } from '../admission/admission-patterns';
import { oneLineProblem, unbalancedQuote } from './shell-text';

// The two free-text annotations the plugin pastes into its scripts (the Slurm plugin's pkg/slurm/prepare.go):
// `singularity-options` into the singularity command line, `pre-exec` into the batch script
// before the job runs. The pre-exec is shell by design; the options are not, so they are
// plain words only, and no option that mounts or reads a path of the HPC side (those go
// through the bind rules) or asks for privileges.

/** Why words pasted unquoted into the job script (singularity options, MPI flags) are unsafe, or null. */
export function plainWordsError(text: string): string | null {
  const line = oneLineProblem(text);
  if (line !== null) return line;
  return new RegExp(WORDS_TEXT).test(text)
    ? null
    : 'may contain only letters, digits, spaces and . _ / : = , + @ % - (the plugin pastes it ' +
        'unquoted into the job script, where the shell would read anything else)';
}

/** Why the options cannot be pasted into the singularity command, or null. */
export function singularityOptionsError(options: string): string | null {
  const words = plainWordsError(options);
  if (words !== null) return words;
  for (const word of options.split(' ')) {
    if (/^-[^-]/.test(word))
      return `'${word}': write singularity options in their long form (e.g. --contain, not -c), so that each can be checked`;
    const name = /^--([^=]*)/.exec(word)?.[1];
    const reason = name !== undefined && Object.hasOwn(SINGULARITY_REFUSED_OPTIONS, name) ? SINGULARITY_REFUSED_OPTIONS[name] : undefined;
    if (reason !== undefined) return `--${name} is not allowed: ${reason}`;
  }
  return null;
}

/**
 * Why the pre-exec text is unsafe, or null. It may span lines, but:
 * - no line may be an `#SBATCH` (or `#PBS`, `#BSUB`) directive: sbatch reads them as options
 *   while no command has come yet, outside the flags Offload validated;
 * - no carriage return or NUL: bash reads `\r` as part of the command;
 * - it must end outside any quote and without a trailing backslash: plugin 0.6.1 appends
 *   the job script's path right after it, which would otherwise be swallowed.
 */
export function preExecError(text: string): string | null {
  if (text.includes('\r')) return 'must not contain a carriage return (save the text with Unix line endings)';
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  const directive = new RegExp(DIRECTIVE_LINE).exec(text);
  if (directive !== null) {
    const lineStart = directive.index + (directive[0].startsWith('\n') ? 1 : 0);
    const line = text.slice(0, lineStart).split('\n').length;
    return (
      `line ${line} is an #SBATCH directive (sbatch also reads #PBS and #BSUB lines); set Slurm ` +
      `options in the Slurm fields, which Offload validates`
    );
  }
  return unbalancedQuote(text.replace(/\n$/, ''));
}

/**
 * The annotation value: the text plus a final newline. Plugin 0.6.1 writes the pre-exec and
 * then `" " + <job.sh>` on the same line, so without the newline the job script becomes an
 * argument of the last pre-exec command and never runs. Blank text means no pre-exec.
 * The newline is always added, so readPreExec(renderPreExec(t)) === t.
 */
export function renderPreExec(text: string): string {
  return text.trim() === '' ? '' : `${text}\n`;
}

/** The text of a pre-exec annotation: its value without the one final newline. */
export function readPreExec(annotation: string): string {
  return annotation.endsWith('\n') ? annotation.slice(0, -1) : annotation;
}
