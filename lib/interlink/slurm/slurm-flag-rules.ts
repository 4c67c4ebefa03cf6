import { COUNT_MAX, COUNT_VALUE, FLAGS_TEXT } from '../admission/admission-patterns';

// Validation rules for values in the `slurm-job.vk.io/flags` annotation. Every rule exists
// because of how the Slurm plugin turns the annotation into a batch script (the Slurm plugin's pkg/slurm/prepare.go):
// each flag becomes its own `#SBATCH` line in a shell script on the HPC side, so a newline,
// a quote or a space inside a value corrupts the script or (on plugin 0.6.1, which splits
// on single spaces) produces broken half-lines. Which options are allowed at all is the table
// in sbatch-options.ts; the patterns are shared with the admission policy
// (admission-patterns.ts), and a test holds each message function to its pattern.

export interface FlagError {
  /** The model field (e.g. `time`), `extra:<name>` for other flags, or `flags` for the whole value. */
  field: string;
  message: string;
}

/** Why a value is unsafe to put on an `#SBATCH` line, or null if it is safe. */
export function unsafeValueReason(value: string): string | null {
  if (value === '') return 'is empty';
  if (/[\r\n]/.test(value)) return 'must not contain a newline (it would start a new line in the batch script)';
  if (/['"`]/.test(value)) return 'must not contain quotes (the plugin copies values into the script verbatim)';
  if (/\s/.test(value)) return 'must not contain whitespace (plugin 0.6.1 splits flags on spaces)';
  if (/\\/.test(value)) return 'must not contain a backslash';
  if (/#SBATCH/i.test(value)) return 'must not contain #SBATCH';
  if (value.includes('#')) return "must not contain '#' (sbatch reads the rest of its line as a comment)";
  if (!new RegExp(FLAGS_TEXT).test(value)) return 'may contain only printable ASCII characters';
  return null;
}

const TIME_FORMATS = 'M, M:S, H:M:S, D-H, D-H:M or D-H:M:S (e.g. 90, 02:30:00, 1-12)';

/** Slurm's --time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
export function timeError(value: string): string | null {
  const m = /^(?:(\d+)-(\d+)(?::(\d+)(?::(\d+))?)?|(\d+)(?::(\d+)(?::(\d+))?)?)$/.exec(value);
  if (m === null) return `'${value}' is not a Slurm time limit; use ${TIME_FORMATS}`;
  const [, days, dHours, dMinutes, dSeconds, , second, third] = m;
  const over = (v: string | undefined, max: number) => v !== undefined && Number(v) > max;
  if (days !== undefined) {
    if (over(dHours, 23) || over(dMinutes, 59) || over(dSeconds, 59)) {
      return `'${value}' is out of range; in D-H:M:S hours are 0-23 and minutes and seconds 0-59`;
    }
    return null;
  }
  // M:S has seconds after the colon; H:M:S has minutes, then seconds.
  if (over(second, 59) || over(third, 59)) {
    return `'${value}' is out of range; minutes and seconds after a colon are 0-59`;
  }
  return null;
}

/** Slurm --mem: a positive integer with an optional unit K, M, G or T (no unit means megabytes). */
export function memError(value: string): string | null {
  if (/^\d+(?:Ki|Mi|Gi|Ti)$/.test(value)) {
    return `'${value}' uses a Kubernetes unit; Slurm takes K, M, G or T (e.g. ${value.slice(0, -1)})`;
  }
  const m = /^(\d+)([KMGT])?$/i.exec(value);
  if (m === null) return `'${value}' is not a memory size; use a positive integer with unit K, M, G or T (e.g. 4G)`;
  if (Number(m[1]) <= 0) return 'must be positive (the plugin would otherwise fall back to --mem=1, one megabyte)';
  return null;
}

/** Normal form of a valid --mem value: unit in upper case. */
export function normalizeMem(value: string): string {
  return value.toUpperCase();
}

export function positiveIntError(value: number): string | null {
  if (!Number.isSafeInteger(value) || value <= 0) return `must be a positive integer, not ${value}`;
  return value > COUNT_MAX ? `must be at most ${COUNT_MAX}, not ${value}` : null;
}

/** Parses the text of a count strictly: digits only, 1 to COUNT_MAX. */
export function parsePositiveInt(text: string): number | null {
  return new RegExp(COUNT_VALUE).test(text) ? Number(text) : null;
}

/** Long flag names are lower-case words joined by dashes, e.g. `ntasks-per-node`. */
export function flagNameError(name: string): string | null {
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name) ? null : `'--${name}' is not a flag name; use lower-case letters, digits and dashes`;
}
