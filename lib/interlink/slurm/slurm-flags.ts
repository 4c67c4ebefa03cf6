import { flagTextProblem, flagTokens, readFlagItems, type FlagToken } from './flag-tokens';
import { sbatchOption, sbatchOptionCandidates, shortTakesValue } from './sbatch-options';
import {
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

// The typed model of the `slurm-job.vk.io/flags` pod annotation (the Slurm plugin's pkg/slurm/prepare.go), and the
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
 * `--flag value`, `-p gpu`, `-N1`, and any unambiguous prefix of a long name, which sbatch
 * reads as that option (flag-tokens.ts). A repeated flag keeps its last value, as the
 * plugin's own de-duplication does; every occurrence is checked, because sbatch reads them all.
 */
export function parseSlurmFlags(text: string): ParseResult {
  const whole = flagTextProblem(text);
  if (whole !== null) return fail('flags', whole);
  const errors: FlagError[] = [];
  const report = (found: readonly FlagError[]) => {
    for (const e of found) if (!errors.some((x) => x.field === e.field && x.message === e.message)) errors.push(e);
  };
  const flags: SlurmFlags = { extra: [] };
  const read = readFlagItems(flagTokens(text));
  report(read.stray.map((s) => ({ field: 'flags', message: `'${s}' is not a flag; every item must start with - or --` })));
  for (const { token, value } of read.flags) {
    const problem = shortFlagProblem(token);
    if (problem !== null) {
      report([problem]);
      continue;
    }
    const one: SlurmFlags = { extra: [] };
    const name = token.option ?? token.written;
    report(assign(one, name, value));
    // Judged as written (`--outpu` says it is --output), kept under the name sbatch reads.
    if (one.extra.length > 0) {
      const problem = extraFlagProblem(token.kind.startsWith('long') ? token.written : name, value);
      if (problem !== null) report([{ field: `extra:${name}`, message: problem }]);
    } else {
      report(validateSlurmFlags(one));
    }
    Object.assign(flags, one, { extra: [...flags.extra.filter((e) => !one.extra.some((o) => o.name === e.name)), ...one.extra] });
  }
  return errors.length === 0 ? { ok: true, flags } : { ok: false, errors, flags };
}

function shortFlagProblem(t: FlagToken): FlagError | null {
  if (t.kind !== 'short' && t.kind !== 'short+') return null;
  if (t.option === null) return { field: 'flags', message: `unsupported short flag '-${t.written}'; write it as --name=value` };
  if (t.kind === 'short+' && !shortTakesValue(t.written)) {
    return {
      field: fieldName(t.option),
      message: `-${t.written} takes no value: sbatch would read '${t.text}' as several short flags; write each on its own`,
    };
  }
  return null;
}

const fieldName = (flag: string) => FIELD_BY_FLAG.get(flag) ?? `extra:${flag}`;

function assign(flags: SlurmFlags, name: string, value: string | null): FlagError[] {
  const field = FIELD_BY_FLAG.get(name);
  if (field === undefined) {
    flags.extra = [{ name, value }];
    return [];
  }
  if (value === null) return [{ field, message: `--${name} needs a value, written --${name}=value` }];
  if (INT_FIELDS.has(field)) {
    const n = parsePositiveInt(value);
    if (n === null) return [{ field, message: `'${value}' must be a positive integer, at most 999999999` }];
    flags[field as IntField] = n;
  } else {
    flags[field as Exclude<Field, IntField>] = value;
  }
  return [];
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
    const problem = extraFlagProblem(name, value);
    if (problem !== null) errors.push({ field: `extra:${name}`, message: problem });
  }
  return errors;
}

/** What is wrong with `--name[=value]` outside Offload's own fields, or null. */
function extraFlagProblem(name: string, value: string | null): string | null {
  const candidates = sbatchOptionCandidates(name);
  const option = candidates.length === 1 ? candidates[0] : undefined;
  if (option === undefined) {
    if (candidates.length > 1)
      return `'--${name}' is ambiguous: sbatch cannot tell ${candidates.map((c) => `--${c}`).join(', ')} apart; write the full name`;
    return flagNameError(name) ?? `'--${name}' is not an sbatch option`;
  }
  const spelled = option === name ? `--${name}` : `--${name} is --${option} to sbatch, which`;
  const rule = sbatchOption(option);
  if (rule?.refused !== undefined) return `${spelled} is not allowed: ${rule.refused}`;
  if (FIELD_BY_FLAG.has(option)) return `${spelled} has its own field; set it there`;
  if (rule?.arg === 'none' && value !== null) return `--${option} takes no value`;
  if (rule?.arg === 'required' && value === null) return `--${option} needs a value, written --${option}=value`;
  if (value === null) return null;
  const unsafe = unsafeValueReason(value);
  return unsafe === null ? null : `--${option} ${unsafe}`;
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
