import { oneLineProblem, unbalancedQuote } from './shell-text';

// The two free-text annotations the plugin pastes into its scripts (reference §3):
// `singularity-options` into the singularity command line, `pre-exec` into the batch script
// before the job runs.

/** Why the options cannot be pasted into the singularity command, or null. */
export function singularityOptionsError(options: string): string | null {
  return oneLineProblem(options);
}

/**
 * Why the pre-exec text is unsafe, or null. It may span lines, but:
 * - no line may be an `#SBATCH` directive: sbatch would read it as one, outside the flags
 *   Offload validated;
 * - no carriage return or NUL: bash reads `\r` as part of the command;
 * - it must end outside any quote and without a trailing backslash: plugin 0.6.1 appends
 *   the job script's path right after it, which would otherwise be swallowed.
 */
export function preExecError(text: string): string | null {
  if (text.includes('\r')) return 'must not contain a carriage return (save the text with Unix line endings)';
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  const lines = text.split('\n');
  const directive = lines.findIndex((l) => /^\s*#SBATCH/i.test(l));
  if (directive !== -1) {
    return `line ${directive + 1} is an #SBATCH directive; set Slurm options in the Slurm fields, which Offload validates`;
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
