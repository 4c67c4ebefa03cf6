import { base64Utf8, utf8Bytes } from '../model/base64';
import { CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH } from '../services/mount-paths';
import { shellQuote } from './shell-text';

// How environment values reach the user's script unchanged. The Slurm plugin writes them
// into an env file on the HPC side, and values with quotes, newlines or `$` broke older
// releases (the Slurm plugin's pkg/slurm/prepare.go writes them unquoted). So every value travels Base64-encoded in
// `OFFLOAD_B64_<NAME>`, and a POSIX sh prelude (dash and bash alike) decodes it inside the
// job before the script starts. Secrets never enter the Job spec: they are files of a
// Secret volume, which interLink ships to the plugin on every release, whereas
// `valueFrom.secretKeyRef` and OSCAR's `envFrom` are not resolved by the virtual kubelet
// (interLink resolves them only with SkipDownwardAPIResolution, and the env file is written
// from plain values). The prelude reads them with `cat`.

export { CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH } from '../services/mount-paths';
export const SCRIPT_FILE = 'script.sh';
export const PRELUDE_FILE = 'offload-prelude.sh';
export const ENCODED_ENV_PREFIX = 'OFFLOAD_B64_';
/** OSCAR passes a job's input Base64-encoded in EVENT (OSCAR pkg/types/interlink.go). */
export const EVENT_ENV = 'EVENT';
/** The only writable directory in an offloaded job: the job does not run as root (the Slurm plugin's pkg/slurm/prepare.go). */
export const WRITABLE_DIR = '/tmp';
/** Base64 of 64 KiB is 87 KiB, inside Linux's 128 KiB limit on one environment string. */
export const ENV_VALUE_MAX_BYTES = 64 * 1024;

const RESERVED: Readonly<Record<string, string>> = {
  EVENT: 'EVENT carries the job input, as in OSCAR',
  HOME: `Offload sets HOME to ${WRITABLE_DIR}, the only writable directory in an offloaded job`,
  TMPDIR: `Offload sets TMPDIR to ${WRITABLE_DIR}, the only writable directory in an offloaded job`,
};
/** Set or protected by dash/bash, so the script would not see the value (bash even exits). */
const SHELL_MANAGED = new Set([
  'IFS',
  'PWD',
  'OLDPWD',
  'PPID',
  'SHLVL',
  'UID',
  'EUID',
  'GROUPS',
  'SHELLOPTS',
  'BASHOPTS',
  'BASHPID',
  'BASH_VERSINFO',
  'RANDOM',
  'SECONDS',
  'LINENO',
  'OPTIND',
  '_',
]);

/** Why `name` cannot be an environment variable of a service, or null. */
export function envNameError(name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return `'${name}' is not a POSIX variable name: letters, digits and '_', not starting with a digit`;
  }
  if (name === '__proto__') return "'__proto__' cannot be used as a name: JavaScript objects, which carry the service, treat it specially";
  if (name.startsWith('OFFLOAD_')) return `'${name}' is reserved: names starting with OFFLOAD_ carry Offload's encoded values`;
  const reserved = Object.hasOwn(RESERVED, name) ? RESERVED[name] : undefined;
  if (reserved !== undefined) return `'${name}' is reserved: ${reserved}`;
  if (SHELL_MANAGED.has(name)) return `'${name}' is reserved: the shell running the script sets it, so your value would not arrive`;
  return null;
}

/** Why `value` cannot travel exactly, or null. Everything else arrives byte for byte. */
export function envValueError(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character: no shell variable can hold one';
  if (/\p{Cs}/u.test(value)) return 'is not valid Unicode text (it has an unpaired surrogate)';
  const bytes = utf8Bytes(value).length;
  if (bytes > ENV_VALUE_MAX_BYTES) return `is ${bytes} bytes; a value may have at most ${ENV_VALUE_MAX_BYTES} bytes (64 KiB)`;
  return null;
}

export function encodedEnvName(name: string): string {
  return `${ENCODED_ENV_PREFIX}${name}`;
}

export function encodeEnvValue(value: string): string {
  return base64Utf8(value);
}

export interface PreludeSpec {
  /** Names whose values are in OFFLOAD_B64_<NAME>. */
  variables: readonly string[];
  /** Names whose values are the files <secretsDir>/<NAME>. */
  secrets: readonly string[];
  scriptPath?: string;
  secretsDir?: string;
}

/**
 * The prelude. Everything is decoded into OFFLOAD_V_* first and assigned afterwards, so a
 * user's PATH cannot hide `base64` or `cat` halfway through. `$(…)` strips trailing
 * newlines, hence the `x` appended inside and removed after; a failed decode leaves no `x`
 * and a non-zero status, and the job stops with a message instead of running with a
 * wrong value.
 */
export function renderPrelude(spec: PreludeSpec): string {
  const names = [...spec.variables, ...spec.secrets];
  const bad = names.find((n) => envNameError(n) !== null);
  if (bad !== undefined) throw new Error(`renderPrelude: invalid variable name '${bad}'`);
  const dir = spec.secretsDir ?? SECRETS_MOUNT_PATH;
  const lines = [
    '# Written by Offload: restores the service environment exactly, then runs the script.',
    'offload_fail() { echo "offload: cannot restore $1: $2" >&2; exit 1; }',
    `HOME=${WRITABLE_DIR}; TMPDIR=${WRITABLE_DIR}; export HOME TMPDIR`,
    `cd ${WRITABLE_DIR} || exit 1`,
  ];
  for (const name of spec.variables) {
    lines.push(
      `OFFLOAD_V_${name}="$(printf '%s' "$${encodedEnvName(name)}" | base64 -d && printf x)" || ` +
        `offload_fail ${name} 'base64 -d failed (is base64 in the image?)'`,
    );
  }
  for (const name of spec.secrets) {
    const file = shellQuote(`${dir}/${name}`);
    lines.push(`OFFLOAD_V_${name}="$(cat ${file} && printf x)" || offload_fail ${name} ${shellQuote(`cannot read ${dir}/${name}`)}`);
  }
  for (const name of spec.variables) {
    lines.push(`${name}="\${OFFLOAD_V_${name}%x}"; export ${name}; unset OFFLOAD_V_${name} ${encodedEnvName(name)}`);
  }
  for (const name of spec.secrets) lines.push(`${name}="\${OFFLOAD_V_${name}%x}"; export ${name}; unset OFFLOAD_V_${name}`);
  lines.push(`exec /bin/sh ${shellQuote(spec.scriptPath ?? `${CONFIG_MOUNT_PATH}/${SCRIPT_FILE}`)}`);
  return `${lines.join('\n')}\n`;
}
