import { parseBindMounts, type BindMount } from '../slurm/bind-mounts';
import { bindSourceSentence, commandNotFoundSentence, missingImageSentence } from './failure-sentences';
import { LEGACY_SLURM_ANNOTATIONS, SLURM_ANNOTATIONS } from '../model/keys';
import { clip } from './pod-signals';
import type { Pod } from '../model/types';

// Why a finished job failed, read from its log: one sentence naming the path, image or
// command, for the failures whose cause the exit code does not say. The lines come from
// Singularity/Apptainer (FATAL …), the lab's bubblewrap stand-in (lab/singularity), the
// shell, and slurmstepd. Pure and bounded: only the first and last DIAGNOSIS_WINDOW
// characters are searched, line by line, each line cut to MAX_LINE, so a 50 MB log costs
// what a 128 KiB one does.

export const DIAGNOSIS_KINDS = [
  'time-limit',
  'out-of-memory',
  'service-account-token',
  'bind-source',
  'image',
  'command-not-found',
] as const;
export type DiagnosisKind = (typeof DIAGNOSIS_KINDS)[number];

export interface LogDiagnosis {
  kind: DiagnosisKind;
  /** One sentence for a person: what failed, with the path, image or command. */
  sentence: string;
  /** The log line it was read from (shortened). */
  evidence: string;
}

export interface DiagnosisContext {
  /** The job's exit code, when known: a shell's "not found" explains only an exit code of 127. */
  exitCode: number | null;
  /** The bind mounts the job asked for, to name where a missing source was to be mounted. */
  binds?: readonly BindMount[];
}

export const DIAGNOSIS_WINDOW = 64 * 1024;
const MAX_LINE = 2_000;

/** What the log says about the failure, or null when it says nothing recognised. */
export function diagnoseLog(text: string, context: DiagnosisContext): LogDiagnosis | null {
  const lines = windowLines(text);
  // In order of authority: Slurm's verdict ends the job whatever it printed before; a
  // container that could not start explains everything after; a shell's "not found" last.
  for (const rule of RULES) {
    for (const line of lines) {
      const found = rule(line, context);
      if (found !== null) return { ...found, evidence: clip(line, 300) };
    }
  }
  return null;
}

/** The bind mounts of the pod's singularity-mounts annotation (either spelling). */
export function podBindMounts(pod: Pod | undefined): BindMount[] {
  const annotations = pod?.metadata?.annotations ?? {};
  const text = annotations[SLURM_ANNOTATIONS.singularityMounts] ?? annotations[LEGACY_SLURM_ANNOTATIONS.singularityMounts] ?? '';
  return parseBindMounts(text).mounts;
}

function windowLines(text: string): string[] {
  const whole = text.length <= 2 * DIAGNOSIS_WINDOW;
  const head = whole ? text : text.slice(0, DIAGNOSIS_WINDOW);
  const parts = head.split('\n');
  if (!whole) {
    // Each window's cut line is dropped: half a line could read as something else.
    parts.pop();
    parts.push(...text.slice(-DIAGNOSIS_WINDOW).split('\n').slice(1));
  }
  return parts.map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l).replace(/\r$/, ''));
}

type Finding = Omit<LogDiagnosis, 'evidence'>;
type Rule = (line: string, context: DiagnosisContext) => Finding | null;

// slurmstepd: error: *** JOB 12 ON labnode CANCELLED AT 2026-12-03T08:10:01 DUE TO TIME LIMIT ***
const TIME_LIMIT = /\*\*\* (JOB|STEP) (\S+) ON (\S+) CANCELLED AT (\S+) DUE TO TIME LIMIT \*\*\*/;

const timeLimit: Rule = (line) => {
  const m = TIME_LIMIT.exec(line);
  if (m === null) return null;
  const [, what = 'JOB', id = '?', node = '?', at = '?'] = m;
  return {
    kind: 'time-limit',
    sentence:
      `Slurm cancelled ${what === 'JOB' ? 'job' : 'step'} ${id} on ${node} at ${at} because it ` +
      `reached its time limit: ask for more time with --time, or make the job shorter.`,
  };
};

// slurmstepd's cgroup plugin, current and older wordings, and the older memory enforcement.
const SLURM_ERROR = String.raw`^(?:slurmstepd(?:-[^\s:]+)?|srun): error: `;
const OOM_EVENTS = new RegExp(String.raw`${SLURM_ERROR}Detected (\d+) oom[-_]kill events?(?:\(s\))? in (?:StepId=|step )(\d+(?:\.\w+)?)`);
const OOM_LIMIT = new RegExp(
  String.raw`${SLURM_ERROR}(?:Exceeded (?:job|step) memory limit\b|Job \d+ exceeded memory limit \(\d+ > \d+\))`,
);

const outOfMemory: Rule = (line) => {
  const events = OOM_EVENTS.exec(line);
  if (events === null && !OOM_LIMIT.test(line)) return null;
  const where = events === null ? 'the job' : `a process in step ${events[2]}`;
  return {
    kind: 'out-of-memory',
    sentence: `The job ran out of memory: Slurm killed ${where} for using more memory than the job asked for; ask for more with --mem.`,
  };
};

// A bind source that does not exist on the HPC side, as bubblewrap (the lab's stand-in) and
// Singularity/Apptainer (https://github.com/apptainer/apptainer/blob/main/internal/pkg/runtime/engine/apptainer/container_linux.go) say it.
const BWRAP_SOURCE = /^bwrap: Can't find source path (.+): No such file or directory$/;
const SYLOG_MOUNT = /^FATAL:\s+.*\bmount (\S+)->(\S+) error: .*\bmount source (\S+) doesn't exist$/;
const SYLOG_SOURCE = /^FATAL:\s+.*\bmount source (\S+) doesn't exist$/;
// The plugin writes projected volumes (the service-account token) under its job directory.
const TOKEN_VOLUME = '/projectedVolumeMaps/kube-api-access-';

function missingSource(line: string): { source: string; destination: string | null } | null {
  const bwrap = BWRAP_SOURCE.exec(line);
  if (bwrap?.[1] !== undefined) return { source: bwrap[1], destination: null };
  // A cheap test first: the patterns below backtrack over long lines.
  if (!line.endsWith("doesn't exist")) return null;
  const mount = SYLOG_MOUNT.exec(line);
  if (mount?.[3] !== undefined) return { source: mount[3], destination: mount[2] ?? null };
  const source = SYLOG_SOURCE.exec(line)?.[1];
  return source === undefined ? null : { source, destination: null };
}

const serviceAccountToken: Rule = (line) => {
  const missing = missingSource(line);
  if (missing === null || !missing.source.includes(TOKEN_VOLUME)) return null;
  const file = missing.source.slice(missing.source.lastIndexOf('/') + 1);
  return {
    kind: 'service-account-token',
    sentence:
      `The Kubernetes service-account token could not be mounted on the HPC side: the plugin did ` +
      `not write its ${file} there. If the job does not use the Kubernetes API, set ` +
      `automountServiceAccountToken: false in the Job's pod template.`,
  };
};

const bindSource: Rule = (line, context) => {
  const missing = missingSource(line);
  if (missing === null || missing.source.includes(TOKEN_VOLUME)) return null;
  const bind = (context.binds ?? []).find((b) => trimSlash(b.hostPath) === trimSlash(missing.source));
  const destination = missing.destination ?? bind?.containerPath ?? null;
  return { kind: 'bind-source', sentence: bindSourceSentence(missing.source, destination, bind?.readOnly === true) };
};

// FATAL:   While making image from oci registry: … / Unable to handle docker://… uri: … /
// could not open image /x.sif: … (the lab's stand-in prints the last for a missing .sif).
const OCI_PULL = /^FATAL:\s+While making image from oci registry: (.+)$/;
const URI_PULL = /^FATAL:\s+Unable to handle (\S+) uri: (.+)$/;
const OPEN_IMAGE = /^FATAL:\s+could not open image (.+?): (.+)$/;
const IMAGE_REF = /\b(?:docker|oras|library|shub|oci|oci-archive|docker-archive|docker-daemon|https?):\/\/\S+?(?=:\s|\s|$)/;

const image: Rule = (line) => {
  const oci = OCI_PULL.exec(line);
  const uri = oci === null ? URI_PULL.exec(line) : null;
  if (oci !== null || uri !== null) {
    const detail = oci?.[1] ?? uri?.[2] ?? '';
    const ref = uri?.[1] ?? IMAGE_REF.exec(detail)?.[0] ?? null;
    return {
      kind: 'image',
      sentence: `The HPC side could not pull ${ref === null ? 'the job’s image' : `the image ${ref}`}: ${clip(lastCause(detail), 200)}.`,
    };
  }
  const open = OPEN_IMAGE.exec(line);
  if (open === null) return null;
  const [, path = '?', detail = ''] = open;
  return {
    kind: 'image',
    sentence: /no such file or directory/i.test(detail)
      ? missingImageSentence(path)
      : `Singularity could not open the image ${path} on the HPC side: ${clip(lastCause(detail), 200)}.`,
  };
};

// Singularity's own, then the shells': dash "sh: 1: foo: not found", bash "bash: foo:
// command not found" and "/bin/sh: line 1: foo: command not found", busybox "sh: foo: not
// found", and the exec builtin of each ("singularity: 1: exec: foo: not found").
const EXECUTABLE = /^FATAL:\s+"(.+)": executable file not found in \$PATH$/;
const SHELL_NOT_FOUND = [
  /^\S+: (?:line \d+: )?(?:exec: )?(\S+): command not found$/,
  /^\S+: \d+: (?:exec: )?(\S+): not found$/,
  /^(?:\S*\/)?(?:ba|da|a|k|z)?sh: (?:line \d+: )?(?:exec: )?(\S+): not found$/,
  /(?:^|: )exec: (\S+): not found$/,
];

const commandNotFound: Rule = (line, context) => {
  const singularity = EXECUTABLE.exec(line)?.[1];
  if (singularity !== undefined) {
    return {
      kind: 'command-not-found',
      sentence: `The command ${singularity} does not exist in the container: Singularity found no such executable in its PATH.`,
    };
  }
  // A script may go on after a missing command; it explains the failure only if it set the exit code.
  if (context.exitCode !== null && context.exitCode !== 127) return null;
  for (const re of SHELL_NOT_FOUND) {
    const command = re.exec(line)?.[1];
    if (command !== undefined) {
      return { kind: 'command-not-found', sentence: commandNotFoundSentence(command, context.exitCode) };
    }
  }
  return null;
};

const RULES: readonly Rule[] = [timeLimit, outOfMemory, serviceAccountToken, bindSource, image, commandNotFound];

/** The innermost cause of a Go error chain ("while x: y: z" → "z"). */
function lastCause(detail: string): string {
  const parts = detail
    .split(': ')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts[parts.length - 1] ?? detail;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
