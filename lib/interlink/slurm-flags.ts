import {
  CONFLICTS_WITH_MEM,
  REFUSED_FLAGS,
  flagNameError,
  memError,
  normalizeMem,
  parsePositiveInt,
  positiveIntError,
  timeError,
  unsafeValueReason,
  type FlagError,
} from './slurm-flag-rules';

export type { FlagError } from './slurm-flag-rules';

// The typed model of the `slurm-job.vk.io/flags` pod annotation (reference §3), and the
// one way to write it back. Rendering follows what works on every plugin release: each
// flag one `--name=value` token, tokens joined by single spaces. Plugin 0.6.1 splits the
// value on single spaces and writes each piece as an `#SBATCH` line, so `-p gpu` or
// `--nodes 1` would become two broken lines; 0.6.2 pairs them, 0.6.1 does not.

export interface ExtraFlag {
  /** Long name without dashes, e.g. `account`. */
  name: string;
  /** null for a flag without value, e.g. `--exclusive`. */
  value: string | null;
}

export interface SlurmFlags {
  jobName?: string;
  time?: string;
  cpusPerTask?: number;
  nodes?: number;
  mem?: string;
  partition?: string;
  gres?: string;
  ntasksPerNode?: number;
  extra: ExtraFlag[];
}

type Field = Exclude<keyof SlurmFlags, 'extra'>;
type IntField = 'cpusPerTask' | 'nodes' | 'ntasksPerNode';

/** Known fields in render order, with their long flag names. */
const FIELDS: ReadonlyArray<readonly [Field, string]> = [
  ['jobName', 'job-name'],
  ['partition', 'partition'],
  ['time', 'time'],
  ['nodes', 'nodes'],
  ['ntasksPerNode', 'ntasks-per-node'],
  ['cpusPerTask', 'cpus-per-task'],
  ['mem', 'mem'],
  ['gres', 'gres'],
];
const FIELD_BY_FLAG = new Map(FIELDS.map(([field, flag]) => [flag, field]));
const INT_FIELDS: ReadonlySet<Field> = new Set<Field>(['cpusPerTask', 'nodes', 'ntasksPerNode']);

/** sbatch short options we understand, mapped to their long names. */
const SHORT_FLAGS: Readonly<Record<string, string>> = {
  J: 'job-name', t: 'time', c: 'cpus-per-task', N: 'nodes', p: 'partition',
  n: 'ntasks', A: 'account', q: 'qos', G: 'gpus', w: 'nodelist', C: 'constraint', x: 'exclude',
  o: 'output', e: 'error',
};

/**
 * Always rendered, because with neither the annotation nor a container limit the plugin
 * adds `--cpus-per-task=1` and `--mem=1`: one megabyte, which kills nearly any real job.
 */
export const DEFAULT_CPUS_PER_TASK = 1;
export const DEFAULT_MEM = '1G';

/** On failure `flags` still holds what could be read, so a form can show it beside the errors. */
export type ParseResult = { ok: true; flags: SlurmFlags } | { ok: false; errors: FlagError[]; flags: SlurmFlags };

/**
 * Reads an annotation value written by a person or an older tool: `--flag=value`,
 * `--flag value`, `-p gpu`, `-N1`. A repeated flag keeps its last value, as the plugin's
 * own de-duplication does.
 */
export function parseSlurmFlags(text: string): ParseResult {
  const errors: FlagError[] = [];
  if (/[\r\n]/.test(text)) {
    return fail('flags', 'must be one line: each newline would start a new line in the batch script');
  }
  if (/#SBATCH/i.test(text)) return fail('flags', 'write flags without #SBATCH; the plugin adds it to each flag');
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const flags: SlurmFlags = { extra: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    const takeNext = next !== undefined && !next.startsWith('-');
    let name: string;
    let value: string | null;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      value = eq === -1 ? (takeNext ? next : null) : token.slice(eq + 1);
      if (eq === -1 && takeNext) i++;
    } else if (/^-[A-Za-z]/.test(token)) {
      const long = SHORT_FLAGS[token.charAt(1)];
      if (long === undefined) {
        errors.push({ field: 'flags', message: `unsupported short flag '${token.slice(0, 2)}'; write it as --name=value` });
        if (token.length === 2 && takeNext) i++;
        continue;
      }
      name = long;
      value = token.length > 2 ? token.slice(2).replace(/^=/, '') : takeNext ? next : null;
      if (token.length === 2 && takeNext) i++;
    } else {
      errors.push({ field: 'flags', message: `'${token}' is not a flag; every item must start with - or --` });
      continue;
    }
    assign(flags, name, value, errors);
  }
  errors.push(...validateSlurmFlags(flags));
  return errors.length === 0 ? { ok: true, flags } : { ok: false, errors, flags };
}

function assign(flags: SlurmFlags, name: string, value: string | null, errors: FlagError[]): void {
  const field = FIELD_BY_FLAG.get(name);
  if (field === undefined) {
    flags.extra = [...flags.extra.filter((e) => e.name !== name), { name, value }];
    return;
  }
  if (value === null) {
    errors.push({ field, message: `--${name} needs a value, written --${name}=value` });
  } else if (INT_FIELDS.has(field)) {
    const n = parsePositiveInt(value);
    if (n === null) errors.push({ field, message: `'${value}' must be a positive integer` });
    else flags[field as IntField] = n;
  } else {
    flags[field as Exclude<Field, IntField>] = value;
  }
}

/** Every problem with a model, each naming its field and what is allowed. */
export function validateSlurmFlags(flags: SlurmFlags): FlagError[] {
  const errors: FlagError[] = [];
  for (const [field, flag] of FIELDS) {
    const value = flags[field];
    if (value === undefined) continue;
    if (typeof value === 'number') {
      const e = positiveIntError(value);
      if (e !== null) errors.push({ field, message: e });
      continue;
    }
    const unsafe = unsafeValueReason(value);
    const specific = unsafe ?? (field === 'time' ? timeError(value) : field === 'mem' ? memError(value) : null);
    if (specific !== null) errors.push({ field, message: `--${flag} ${specific}` });
  }
  for (const { name, value } of flags.extra) {
    const field = `extra:${name}`;
    // hasOwn: a flag named like an Object.prototype member (--constructor) is just unknown.
    const refused = Object.hasOwn(REFUSED_FLAGS, name) ? REFUSED_FLAGS[name] : undefined;
    const nameError = flagNameError(name);
    if (nameError !== null) errors.push({ field, message: nameError });
    else if (refused !== undefined) errors.push({ field, message: `--${name} is not allowed: ${refused}` });
    else if (FIELD_BY_FLAG.has(name)) errors.push({ field, message: `--${name} has its own field; set it there` });
    else if ((CONFLICTS_WITH_MEM as readonly string[]).includes(name)) {
      errors.push({ field, message: `--${name} cannot be combined with --mem, which is always set; use --mem` });
    } else if (value !== null) {
      const unsafe = unsafeValueReason(value);
      if (unsafe !== null) errors.push({ field, message: `--${name} ${unsafe}` });
    }
  }
  return errors;
}

export class SlurmFlagsError extends Error {
  constructor(readonly errors: FlagError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'SlurmFlagsError';
  }
}

/**
 * The annotation value for a model: `--name=value` tokens joined by single spaces, with
 * `--cpus-per-task` and `--mem` always present. Throws SlurmFlagsError for an invalid model,
 * so nothing unsafe can ever reach the batch script through this function.
 */
export function renderSlurmFlags(flags: SlurmFlags): string {
  const errors = validateSlurmFlags(flags);
  if (errors.length > 0) throw new SlurmFlagsError(errors);
  return formatSlurmFlags(flags);
}

/**
 * The same text without validating first, for a form being edited: whatever is wrong in it
 * is then reported by parseSlurmFlags, as for an annotation written by hand.
 */
export function formatSlurmFlags(flags: SlurmFlags): string {
  const complete: SlurmFlags = {
    ...flags,
    cpusPerTask: flags.cpusPerTask ?? DEFAULT_CPUS_PER_TASK,
    mem: normalizeMem(flags.mem ?? DEFAULT_MEM),
  };
  const tokens: string[] = [];
  for (const [field, flag] of FIELDS) {
    const value = complete[field];
    if (value !== undefined) tokens.push(`--${flag}=${value}`);
  }
  for (const { name, value } of flags.extra) tokens.push(value === null ? `--${name}` : `--${name}=${value}`);
  return tokens.join(' ');
}

function fail(field: string, message: string): ParseResult {
  return { ok: false, errors: [{ field, message }], flags: { extra: [] } };
}
