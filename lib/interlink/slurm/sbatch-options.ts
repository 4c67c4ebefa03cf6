// The one table of sbatch's options that Offload's validator (slurm-flags.ts, flag-tokens.ts)
// and the cluster's admission policy (admission-policy.ts → deploy/admission/) are both made
// from. Every long name sbatch 22.05's getopt_long knows is listed, because sbatch reads any
// unambiguous prefix as the option (`--outpu=/x` is --output), so a flag is judged by the
// option sbatch will read, never by how it is spelled. The names, their arguments and the
// short letters come from the real binary (`sbatch --a` … `sbatch --z` list every name;
// lab/test/sbatch-options.int.test.ts checks every prefix against it).
//
// Refused options break what the Slurm plugin relies on (its --output log, the job id it reads
// from sbatch's answer, a prompt answer from sbatch), reach files or identities of the HPC side
// outside the job, or are for Slurm operators. Everything else is allowed.

export type OptionArgument = 'required' | 'none' | 'optional';
/** Values Offload checks beyond the common rules (its own form fields). */
export type ValueRule = 'time' | 'mem' | 'count';

export interface SbatchOption {
  arg: OptionArgument;
  /** The short letter, e.g. `p` for --partition. */
  short?: string;
  /** Why the option is refused; absent for allowed options. */
  refused?: string;
  value?: ValueRule;
}

const LOG = 'the plugin writes its own --output and collects the job log from it; a user';
const SUBMIT = 'the plugin reads the Slurm job id from what sbatch prints and expects it to return at once';
const HPC_FILES = "it reads a file of the HPC side by path, as the plugin's account, outside the job's container";
const IDENTITY = 'the Slurm user is decided by the plugin (DefaultUID, flavors), not by the job';
const ENVIRONMENT = "it sets the batch script's environment on the HPC side (LD_PRELOAD, BASH_ENV…), outside the container";
const OTHER_CLUSTER = 'it sends the job to another cluster, where the plugin cannot follow it';
const OPERATORS = 'only Slurm operators may use it';
const NO_JOB = 'sbatch prints and submits nothing, so no job runs';
const MESSAGES = 'it changes the messages sbatch prints, from which the plugin reads the job id';

export const SBATCH_OPTIONS: Readonly<Record<string, SbatchOption>> = {
  account: { arg: 'required', short: 'A' },
  'acctg-freq': { arg: 'required' },
  array: { arg: 'required', short: 'a', refused: 'it makes an array of jobs, and the plugin follows exactly one Slurm job per pod' },
  batch: { arg: 'required' },
  bb: { arg: 'required', refused: `burst-buffer staging copies paths of the HPC side; ${HPC_FILES}` },
  bbf: { arg: 'required', refused: HPC_FILES },
  begin: { arg: 'required', short: 'b' },
  chdir: {
    arg: 'required',
    short: 'D',
    refused: "the batch script must run in the job's own directory, where the plugin writes its files",
  },
  cluster: { arg: 'required', refused: OTHER_CLUSTER },
  'cluster-constraint': { arg: 'required', refused: OTHER_CLUSTER },
  clusters: { arg: 'required', short: 'M', refused: OTHER_CLUSTER },
  comment: { arg: 'required' },
  constraint: { arg: 'required', short: 'C' },
  container: { arg: 'required', refused: `it runs the job in an OCI bundle by path; ${HPC_FILES}` },
  context: { arg: 'required', refused: 'it sets an SELinux context, which the site decides' },
  contiguous: { arg: 'none' },
  'core-spec': { arg: 'required', short: 'S' },
  'cores-per-socket': { arg: 'required' },
  'cpu-freq': { arg: 'required' },
  'cpus-per-gpu': { arg: 'required' },
  'cpus-per-task': { arg: 'required', short: 'c', value: 'count' },
  deadline: { arg: 'required' },
  'delay-boot': { arg: 'required' },
  dependency: { arg: 'required', short: 'd' },
  distribution: { arg: 'required', short: 'm' },
  error: {
    arg: 'required',
    short: 'e',
    refused: 'a user --error sends stderr away from the job log the plugin collects, which breaks log collection',
  },
  exclude: { arg: 'required', short: 'x' },
  exclusive: { arg: 'optional' },
  export: { arg: 'required', refused: ENVIRONMENT },
  'export-file': { arg: 'required', refused: ENVIRONMENT },
  'extra-node-info': { arg: 'required', short: 'B' },
  'get-user-env': { arg: 'optional', refused: ENVIRONMENT },
  gid: { arg: 'required', refused: IDENTITY },
  'gpu-bind': { arg: 'required' },
  'gpu-freq': { arg: 'required' },
  gpus: { arg: 'required', short: 'G' },
  'gpus-per-node': { arg: 'required' },
  'gpus-per-socket': { arg: 'required' },
  'gpus-per-task': { arg: 'required' },
  gres: { arg: 'required' },
  'gres-flags': { arg: 'required' },
  help: { arg: 'none', short: 'h', refused: NO_JOB },
  hint: { arg: 'required' },
  hold: { arg: 'none', short: 'H', refused: 'a held job waits until released with scontrol, which nobody can do through Kubernetes' },
  'ignore-pbs': { arg: 'none' },
  input: { arg: 'required', short: 'i', refused: HPC_FILES },
  'job-name': { arg: 'required', short: 'J' },
  'kill-on-invalid-dep': { arg: 'required' },
  licenses: { arg: 'required', short: 'L' },
  'mail-type': { arg: 'required' },
  'mail-user': { arg: 'required' },
  'mcs-label': { arg: 'required', refused: "it sets the job's security label, which the site's Slurm configuration decides" },
  mem: { arg: 'required', value: 'mem' },
  'mem-bind': { arg: 'required' },
  'mem-per-cpu': { arg: 'required', refused: 'it cannot be combined with --mem, which Offload always sets; use --mem' },
  'mem-per-gpu': { arg: 'required', refused: 'it cannot be combined with --mem, which Offload always sets; use --mem' },
  mincpus: { arg: 'required' },
  network: { arg: 'required' },
  nice: { arg: 'optional' },
  'no-kill': { arg: 'optional', short: 'k' },
  'no-requeue': { arg: 'none' },
  nodefile: { arg: 'required', short: 'F', refused: `${HPC_FILES}; use --nodelist` },
  nodelist: { arg: 'required', short: 'w' },
  nodes: { arg: 'required', short: 'N', value: 'count' },
  ntasks: { arg: 'required', short: 'n' },
  'ntasks-per-core': { arg: 'required' },
  'ntasks-per-gpu': { arg: 'required' },
  'ntasks-per-node': { arg: 'required', value: 'count' },
  'ntasks-per-socket': { arg: 'required' },
  'ntasks-per-tres': { arg: 'required' },
  'open-mode': { arg: 'required', refused: `${LOG} --open-mode changes how that log is written` },
  output: { arg: 'required', short: 'o', refused: `${LOG} --output breaks log collection` },
  overcommit: { arg: 'none', short: 'O' },
  oversubscribe: { arg: 'none', short: 's' },
  parsable: { arg: 'none', refused: `${MESSAGES}` },
  partition: { arg: 'required', short: 'p' },
  power: { arg: 'required' },
  prefer: { arg: 'required' },
  priority: { arg: 'required', refused: OPERATORS },
  profile: { arg: 'required' },
  propagate: { arg: 'optional' },
  qos: { arg: 'required', short: 'q' },
  quiet: { arg: 'none', short: 'Q', refused: MESSAGES },
  reboot: { arg: 'none', refused: OPERATORS },
  requeue: { arg: 'none' },
  reservation: { arg: 'required' },
  signal: { arg: 'required' },
  'sockets-per-node': { arg: 'required' },
  'spread-job': { arg: 'none' },
  switches: { arg: 'required' },
  'tasks-per-node': { arg: 'required', refused: 'it is the old spelling of --ntasks-per-node; write --ntasks-per-node' },
  'test-only': { arg: 'none', refused: `it only checks the job and submits nothing; ${SUBMIT}` },
  'thread-spec': { arg: 'required' },
  'threads-per-core': { arg: 'required' },
  time: { arg: 'required', short: 't', value: 'time' },
  'time-min': { arg: 'required' },
  tmp: { arg: 'required' },
  uid: { arg: 'required', refused: IDENTITY },
  usage: { arg: 'none', refused: NO_JOB },
  'use-min-nodes': { arg: 'none' },
  verbose: { arg: 'none', short: 'v', refused: MESSAGES },
  version: { arg: 'none', short: 'V', refused: NO_JOB },
  wait: { arg: 'none', short: 'W', refused: `it makes sbatch wait until the job ends; ${SUBMIT}` },
  'wait-all-nodes': { arg: 'required' },
  wckey: { arg: 'required' },
  wrap: {
    arg: 'required',
    refused: 'the plugin submits its own batch script; --wrap would replace it with a command and the job would never run',
  },
};

export const SBATCH_OPTION_NAMES: readonly string[] = Object.keys(SBATCH_OPTIONS);

/** Short letter → long name. */
export const SBATCH_SHORT_OPTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SBATCH_OPTIONS).flatMap(([name, o]) => (o.short === undefined ? [] : [[o.short, name]])),
);

/** The options `name` could stand for: itself when it is one, else every option it begins. */
export function sbatchOptionCandidates(name: string): string[] {
  if (Object.hasOwn(SBATCH_OPTIONS, name)) return [name];
  return SBATCH_OPTION_NAMES.filter((o) => o.startsWith(name));
}

/**
 * The option sbatch reads for `--name`, as getopt_long resolves it: an exact name wins,
 * otherwise a prefix of exactly one name is that name; anything else is null (unknown, or
 * ambiguous like `--mem-per`).
 */
export function resolveSbatchOption(name: string): string | null {
  const candidates = sbatchOptionCandidates(name);
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

export function sbatchOption(name: string): SbatchOption | undefined {
  return Object.hasOwn(SBATCH_OPTIONS, name) ? SBATCH_OPTIONS[name] : undefined;
}

/**
 * How many values a short option takes. getopt reads `-Xvalue` and `-X value` for options
 * with a required argument; the others take nothing attached (`-Hv` would be two options).
 */
export function shortTakesValue(letter: string): boolean {
  const name = Object.hasOwn(SBATCH_SHORT_OPTIONS, letter) ? SBATCH_SHORT_OPTIONS[letter] : undefined;
  return name !== undefined && sbatchOption(name)?.arg === 'required';
}
