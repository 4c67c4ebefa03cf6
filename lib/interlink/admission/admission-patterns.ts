// The text rules Offload's validator and the admission policy share, as regular expressions
// written once in the syntax both JavaScript and RE2 (CEL's `matches`) read the same way:
// ASCII classes spelled with \xNN, no \s or \w (JavaScript's are Unicode-wide, RE2's are not),
// no flags, no look-around. admission-policy.ts pastes these very strings into the policy.
// Why each text is restricted as it is: how the Slurm plugin pastes it into its scripts
// (pkg/slurm/prepare.go of interlink-hq/interlink-slurm-plugin 0.6.1 and 0.6.2-pre5).

/**
 * The flags annotation: printable ASCII, spaces between flags, and none of `"`, `#`, `'`,
 * `\`, `` ` ``. The plugin writes the flags on `#SBATCH` lines, where sbatch reads `"` and `\`
 * as quoting and `#` as the start of a comment (which would leave a flag's value to be taken
 * from the next line); 0.6.2 splits the annotation as shell words first.
 */
export const FLAGS_TEXT = String.raw`^[\x20\x21\x24-\x26\x28-\x5b\x5d-\x5f\x61-\x7e]*$`;
/** More space-separated items than any real request has; keeps the policy's cost bounded. */
export const MAX_FLAG_TOKENS = 64;

/** Slurm's --time forms, in range: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
const CLOCK = '0*[1-5]?[0-9]';
const HOURS = '0*(?:1?[0-9]|2[0-3])';
export const TIME_VALUE = `^(?:[0-9]+-${HOURS}(?::${CLOCK}(?::${CLOCK})?)?|[0-9]+(?::${CLOCK}(?::${CLOCK})?)?)$`;
/** --mem: a positive whole number with an optional unit K, M, G or T. */
export const MEM_VALUE = '^0*[1-9][0-9]*[KMGTkmgt]?$';
/** Counts (--nodes, --cpus-per-task, --ntasks-per-node): 1 to 999,999,999. */
export const COUNT_VALUE = '^0*[1-9][0-9]{0,8}$';
export const COUNT_MAX = 999_999_999;

/**
 * Characters a host or container path may have in a bind: the plugin pastes binds into the
 * singularity command unquoted, so nothing the shell would re-read (space, quotes, `$`, `*`),
 * and not `:` or `,`, which Singularity reads as separators.
 */
export const PATH_CHARS = '[A-Za-z0-9._/+@%=~-]';
export const PATH_VALUE = `^/${PATH_CHARS}*$`;
/** `//`, `/./` or `/../` (or a trailing `/.`, `/..`): a path that is not written the one way. */
export const UNNORMAL_PATH = String.raw`//|/\.\.?(?:/|$)`;
/** The singularity-mounts annotation: `--bind src:dst[:ro]` items. */
export const BINDS_TEXT = '^[A-Za-z0-9 ._/:,+@%=~-]*$';
export const BIND_SPEC = `^/${PATH_CHARS}*(?::/${PATH_CHARS}*(?::(?:ro|rw))?)?$`;

/**
 * Options pasted unquoted into the job script (singularity-options, mpi-flags): plain words
 * only (no `~`: `~user` is a home directory to the shell).
 */
export const WORDS_TEXT = '^[A-Za-z0-9 ._/:=,+@%-]*$';
/** An image reference or path, pasted unquoted into the job script; image-root is its prefix. */
export const IMAGE_VALUE = '^[A-Za-z0-9/][A-Za-z0-9._:/@+-]*$';
export const IMAGE_ROOT_VALUE = '^[A-Za-z0-9._:/@+-]*$';
export const FLAVOR_VALUE = '^[A-Za-z0-9._-]*$';
/** The plugin writes `NAME=<quoted value>` lines into the env file: the name is not quoted. */
export const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';
/** The plugin wraps probe commands and HTTP paths in double quotes without escaping them. */
export const PROBE_UNSAFE = String.raw`[\x22\x24\x5c\x60]`;

/**
 * A pre-exec line sbatch reads as a directive: `#SBATCH`, `#PBS` or `#BSUB` at the start of a
 * line (sbatch 22.05 reads all three, case-sensitive, at column 0; refused here in any case and
 * indented too).
 */
export const DIRECTIVE_LINE = String.raw`(?:^|\n)[\x20\x09]*#(?:[Ss][Bb][Aa][Tt][Cc][Hh]|[Pp][Bb][Ss]|[Bb][Ss][Uu][Bb])`;
export const CONTROL_CHARS = String.raw`[\x00\x0d]`;
export const NEWLINE_CHARS = String.raw`[\x0a\x0d\x00]`;

/** Characters that end a shell word (bash's metacharacters). */
export const WORD_BREAK_CHARS = String.raw`\x20\x09\x0a;&|()<>`;
/**
 * Text that leaves the shell outside any quote, escape or backtick (POSIX sh: `'…'` literal,
 * `"…"` and `` `…` `` honour `\`, `#` at the start of a word comments out the rest of its line).
 * shell-text.ts's unbalancedQuote says the same in words (a test holds them equal).
 */
export const BALANCED_TEXT = (() => {
  const b = WORD_BREAK_CHARS;
  const any = String.raw`[\s\S]`;
  const quoted = [String.raw`'[^']*'`, String.raw`"(?:[^"\\]|\\${any})*"`, String.raw`\x60(?:[^\x60\\]|\\${any})*\x60`];
  const breaking = `[${b}]|\\\\[${b}]`;
  const plain = [`[^'"\\x60\\\\#${b}]`, `\\\\[^${b}]`, ...quoted].join('|');
  const comments = String.raw`(?:#[^\n]*\n)*(?:#[^\n]*$)?`;
  return `^${comments}(?:(?:${breaking})${comments}|(?:${plain})(?:${plain}|#)*)*$`;
})();

/**
 * Annotations only interLink or Offload write: the Slurm job id the virtual kubelet records,
 * the VPN address and tunnel commands it hands to the plugin (which pastes them into the batch
 * script), and what Offload writes when it cancels a job. A user's value would forge what the
 * job page shows or run as shell on the HPC side.
 */
export const RESERVED_ANNOTATIONS: Readonly<Record<string, string>> = {
  JobID: 'the virtual kubelet writes the Slurm job id there',
  'interlink.eu/pod-ip': 'the virtual kubelet writes it, and the plugin pastes it into the batch script',
  'interlink.eu/wstunnel-client-commands': 'the virtual kubelet writes it, and the plugin runs it as shell in the batch script',
  'interlink.eu/wireguard-client-snippet': 'the virtual kubelet writes it for its mesh network',
};
export const RESERVED_PREFIX = 'offload.io/';
export const RESERVED_PREFIX_REASON = 'Offload writes its own offload.io/ annotations (who cancelled a job, when, its Slurm job id)';
/**
 * The offload.io/ keys a Job may carry from its creation: which of Offload's APIs made it
 * (lib/oscar/jobs.ts). Offload creates Jobs with the caller's own credentials, so the policy
 * cannot tell it from kubectl; the value only says which client the creator used, about the
 * creator's own job, and like every offload.io/ key it can never change afterwards.
 */
export const CREATOR_ANNOTATIONS = ['offload.io/created-via'] as const;
/** The offload.io/ keys Offload writes when it cancels (suspends) a Job: lib/jobs/jobs.ts. */
export const CANCEL_ANNOTATIONS = [
  'offload.io/cancelled-by',
  'offload.io/cancelled-at',
  'offload.io/slurm-job-id',
  'offload.io/started-at',
] as const;

const HOST_PATH = 'it mounts or reads a path of the HPC side; bind paths go in singularity-mounts, where their roots are checked';
const PRIVILEGE = "it asks Singularity for privileges the plugin's account must not hand out";
/** Singularity/Apptainer options refused in singularity-options (long forms; short ones are refused as a whole). */
export const SINGULARITY_REFUSED_OPTIONS: Readonly<Record<string, string>> = {
  bind: HOST_PATH,
  mount: HOST_PATH,
  home: HOST_PATH,
  overlay: HOST_PATH,
  workdir: HOST_PATH,
  'env-file': HOST_PATH,
  fusemount: HOST_PATH,
  'apply-cgroups': HOST_PATH,
  'pem-path': HOST_PATH,
  security: HOST_PATH,
  'add-caps': PRIVILEGE,
  'allow-setuid': PRIVILEGE,
  'keep-privs': PRIVILEGE,
};

/** The enroot runtime's annotations: pasted unquoted like singularity's, and not modelled by Offload. */
export const ENROOT_ANNOTATIONS = ['slurm-job.vk.io/enroot-mounts', 'slurm-job.vk.io/enroot-options'] as const;
export const ENROOT_REASON =
  'Offload checks binds for the singularity runtime only; the enroot annotations reach the enroot command unchecked';

/** Key prefixes the interLink Slurm plugin reads and pastes into its scripts. */
export const PLUGIN_PREFIXES = ['slurm-job.vk.io/', 'job.vk.io/'] as const;
