// A Slurm time limit as Slurm prints it (sinfo's TIMELIMIT column, scontrol's MaxTime).
// Output is `[D-]H:MM:SS` or `M:SS` (so `30:00` is 30 minutes, `2:00:00` two hours,
// `1-00:00:00` a day), `infinite` (or `UNLIMITED` in scontrol) for none, `n/a` when unset.
// The grammar read here is Slurm's full time syntax (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, as in
// slurm-flag-rules.ts) so any value Slurm accepts is understood; anything else is kept as text.
// See https://slurm.schedmd.com/sinfo.html and https://slurm.schedmd.com/sbatch.html#OPT_time

export type SlurmTimeLimit =
  | { kind: 'unlimited'; text: string }
  | { kind: 'duration'; text: string; seconds: number }
  /** Not a time Slurm writes (e.g. `n/a`): only the text is known. */
  | { kind: 'unknown'; text: string };

const UNLIMITED = new Set(['infinite', 'unlimited']);
const TIME = /^(?:(\d+)-(\d+)(?::(\d+)(?::(\d+))?)?|(\d+)(?::(\d+)(?::(\d+))?)?)$/;

export function parseSlurmTimeLimit(text: string): SlurmTimeLimit {
  if (UNLIMITED.has(text.toLowerCase())) return { kind: 'unlimited', text };
  const m = TIME.exec(text);
  if (m === null) return { kind: 'unknown', text };
  const [, days, dHours, dMinutes, dSeconds, first, second, third] = m;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  let seconds: number;
  if (days !== undefined) {
    seconds = n(days) * 86_400 + n(dHours) * 3_600 + n(dMinutes) * 60 + n(dSeconds);
  } else if (third !== undefined) {
    // H:M:S
    seconds = n(first) * 3_600 + n(second) * 60 + n(third);
  } else {
    // M or M:S: a bare number is minutes.
    seconds = n(first) * 60 + n(second);
  }
  return Number.isSafeInteger(seconds) ? { kind: 'duration', text, seconds } : { kind: 'unknown', text };
}
