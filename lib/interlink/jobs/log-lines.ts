// What each line of an offloaded pod's log is. `kubectl logs` of such a pod is the batch
// script's own output (job.out: pre-exec output, the plugin's wrapper lines, anything Slurm
// adds) followed by the container's output (the runtime's notices, the program's output,
// then bash's `time` report). Only exact wrapper formats count as the plugin's: a program
// that prints something similar stays `output`.
//
// The wrapper lines are the printf lines of job.sh as the Slurm plugin writes it:
// https://github.com/interlink-hq/interlink-slurm-plugin/blob/0.6.1/pkg/slurm/prepare.go
// (waitFileExist, runInitCtn, runCtn, waitCtns, endScript, the "This pod …" lines),
// .../pkg/slurm/probes.go (probes) and, from 0.6.2, .../pkg/slurm/hooks.go (preStop and
// postStart lifecycle hooks).

export type LineKind =
  /** The program's own output (and anything not recognised). */
  | 'output'
  /** The plugin's wrapper: job.sh's progress lines, bash's `time` report. */
  | 'plugin'
  /** The container runtime's notices (Singularity/Apptainer INFO/WARNING, the lab's stand-in). */
  | 'runtime'
  /** The runtime's errors (Singularity/Apptainer FATAL/ERROR, bubblewrap): why a container did not start. */
  | 'runtime-error'
  /** Slurm's own messages in the job's output (time limit, out of memory). */
  | 'slurm';

/** Longer lines are never a wrapper's or runtime's, and are not run through the patterns. */
const MAX_CLASSIFIED = 4_096;

// `date -Is --utc`, then a space.
const TS = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z) `;
// A container name is a DNS label.
const CTN = String.raw`[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?`;
const N = String.raw`\d+`;
const PROBE = '(?:readiness|liveness|startup)';
// waitFileExist is only ever given ${workingPath}/run-<ctn>.status or init-<ctn>.status.
const STATUS_FILE = String.raw`/\S*/(?:run|init)-${CTN}\.status`;

const TIMESTAMPED = [
  // prepare.go
  String.raw`Checking if file exists: ${STATUS_FILE} \.\.\.`,
  String.raw`attempt ${N}/${N} file (?:not )?found ${STATUS_FILE}`,
  String.raw`Running init container ${CTN}\.\.\.`,
  String.raw`InitContainer ${CTN} failed with status ${N}`,
  String.raw`Running in background ${CTN} pid ${N}\.\.\.`,
  String.raw`Waiting for container ${CTN} pid ${N}\.\.\.`,
  String.raw`Container ${CTN} pid ${N} ended with status ${N}\.`,
  String.raw`End of script, highest exit code ${N}\.\.\.`,
  // probes.go
  String.raw`Starting ${PROBE} probe for container ${CTN}\.\.\.`,
  String.raw`Waiting ${N}s before starting ${PROBE} probe\.\.\.`,
  String.raw`${PROBE} probe succeeded for ${CTN} for ${N} times\. Container is (?:healthy|alive)\.`,
  String.raw`${PROBE} probe (?:succeeded|failed) for ${CTN} \(${N}/${N}\)`,
  String.raw`${PROBE} probe failed for ${CTN} after ${N} attempts(?: - container should be restarted)?`,
  String.raw`${PROBE} probe successful for ${CTN} - other probes can now start`,
  String.raw`${PROBE} probe failed for ${CTN} - exiting`,
  String.raw`Waiting for ${PROBE} probes to succeed before starting other probes for ${CTN}\.\.\.`,
  String.raw`All ${PROBE} probes successful for ${CTN} - other probes can now start`,
  String.raw`Container ${CTN} pid ${N} killed for failed probes\.`,
  String.raw`No liveness probes defined, all probes completed successfully for container ${CTN}\.`,
  String.raw`Readiness probes failed - not starting liveness probes`,
  String.raw`Startup probes failed - not starting readiness probes`,
  String.raw`Cleaning up probe processes\.\.\.`,
  // hooks.go (0.6.2)
  String.raw`Received SIGTERM: running preStop lifecycle hooks\.\.\.`,
  String.raw`Running preStop hook for container ${CTN}\.\.\.`,
  String.raw`preStop hooks completed, terminating containers\.\.\.`,
  String.raw`Sending SIGTERM to container ${CTN} pid ${N}\.\.\.`,
  String.raw`All containers terminated\.`,
  String.raw`Running postStart hook for container ${CTN}\.\.\.`,
  String.raw`postStart hook for container ${CTN} completed\.`,
];

const TIMESTAMPED_LINE = new RegExp(`^${TS}(?:${TIMESTAMPED.join('|')})$`);
const UNSTAMPED = [
  // "This pod <name>/<uid> has been submitted to SLURM node ${SLURMD_NODENAME}."
  /^This pod [a-z0-9](?:[-a-z0-9.]*[a-z0-9])?\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} has been submitted to SLURM node \S*\.$/,
  /^To get more info, please run: scontrol show job \d*\.$/,
  /^No startup probes defined, starting readiness\/liveness probes directly\.$/,
  /^No readiness probes defined, starting liveness probes directly\.$/,
  // The plugin's follow mode, while the container's output file does not exist yet; written
  // without a newline, so only a line of nothing but these notices is the plugin's
  // (https://github.com/interlink-hq/interlink-slurm-plugin/blob/0.6.1/pkg/slurm/GetLogs.go).
  /^(?:HTTP InterLink session \S+: Cannot open in follow mode the container logs \S+ because it does not exist yet, sleeping before retrying\.\.\.)+$/,
];

// Singularity/Apptainer print `%-8s ` of "LEVEL:" before a message, so the padding is exact
// (https://github.com/sylabs/singularity/blob/main/pkg/sylog/sylog.go).
const SYLOG = /^(INFO|WARNING|VERBOSE|DEBUG|ERROR|FATAL):( +)\S/;
const STAND_IN = /^\[singularity stand-in\] /;
const BWRAP = /^bwrap: /;
// slurmstepd (or slurmstepd-<node>) and srun write their errors into the job's output.
const SLURM = /^(?:slurmstepd(?:-[^\s:]+)?|srun): (?:error|warning): /;

/** The kind of one line on its own. Bash's `time` report needs its neighbours: see timeReportAt. */
export function lineKind(line: string): LineKind {
  if (line === '' || line.length > MAX_CLASSIFIED) return 'output';
  const first = line.charCodeAt(0);
  // Most patterns start with a digit or an upper-case letter: a cheap first test.
  if (first >= 0x30 && first <= 0x39) return TIMESTAMPED_LINE.test(line) ? 'plugin' : 'output';
  if (first >= 0x41 && first <= 0x5a) {
    if (UNSTAMPED.some((re) => re.test(line))) return 'plugin';
    const sylog = SYLOG.exec(line);
    if (sylog !== null && (sylog[1]?.length ?? 0) + 1 + (sylog[2]?.length ?? 0) === 9) {
      return sylog[1] === 'FATAL' || sylog[1] === 'ERROR' ? 'runtime-error' : 'runtime';
    }
    return 'output';
  }
  if (STAND_IN.test(line)) return 'runtime';
  if (BWRAP.test(line)) return 'runtime-error';
  if (SLURM.test(line)) return 'slurm';
  return 'output';
}

// Bash's default TIMEFORMAT, $'\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS': job.sh runs each
// container as `time ( "$@" )` with its output, so the report ends the container's output.
const TIME = [/^real\t\d+m\d+\.\d{3}s$/, /^user\t\d+m\d+\.\d{3}s$/, /^sys\t\d+m\d+\.\d{3}s$/] as const;

/**
 * Where bash's `time` report starts if `lines` end with it: the index of its blank line, or
 * of `real` when the output before it did not end with a newline (bash's report starts with
 * one, which then ends that line instead). -1 when the last three lines are not real/user/sys.
 * A program can print the same report (its own `time`); only the one at the end is job.sh's,
 * so a caller takes it back when anything but blank lines follows (see LineBuffer).
 */
export function timeReportAt(lines: readonly string[]): number {
  const n = lines.length;
  if (n < 3 || !TIME.every((re, i) => re.test(lines[n - 3 + i] ?? ''))) return -1;
  return n >= 4 && lines[n - 4] === '' ? n - 4 : n - 3;
}
