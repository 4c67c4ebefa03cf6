import { parseBindMounts, renderBindMounts, type BindMount } from './bind-mounts';
import { LEGACY_SLURM_ANNOTATIONS as LEGACY, SLURM_ANNOTATIONS as SLURM } from '../model/keys';
import type { Issue } from '../services/service';
import { ANY_SITE, type SiteRules } from '../services/site-rules';
import { formatSlurmFlags, parseSlurmFlags, type SlurmFlags } from './slurm-flags';
import { preExecError, readPreExec, renderPreExec, singularityOptionsError } from './snippets';

// The structured Slurm/Singularity settings ⇄ the pod annotations the plugin reads
// (the Slurm plugin's pkg/slurm/prepare.go). Reading accepts whatever a person or OSCAR wrote (`-p gpu`, both key
// spellings); writing produces the one form that works on every plugin release.

export interface SlurmSettings {
  flags: SlurmFlags;
  mounts: BindMount[];
  singularityOptions: string;
  /** Shell lines run before the job; may span lines. */
  preExec: string;
  /**
   * Also write `job.vk.io/singularity-mounts` and `job.vk.io/pre-exec` for plugins before
   * 0.3, as OSCAR's own interLink example does. Default on.
   */
  legacyAnnotations: boolean;
}

/** The keys this module owns; every other annotation is free-form. */
export const MODELLED_ANNOTATIONS: readonly string[] = [
  SLURM.flags,
  SLURM.singularityMounts,
  SLURM.singularityOptions,
  SLURM.preExec,
  LEGACY.singularityMounts,
  LEGACY.preExec,
];

const PRE_EXEC_REFUSED =
  "is refused on this site: a pre-exec runs as shell on the HPC side with the plugin's account, outside the container";

export function emptySlurmSettings(): SlurmSettings {
  return { flags: { extra: [] }, mounts: [], singularityOptions: '', preExec: '', legacyAnnotations: true };
}

function hasFlags(f: SlurmFlags): boolean {
  return f.extra.length > 0 || Object.entries(f).some(([k, v]) => k !== 'extra' && v !== undefined);
}

/**
 * The annotations for `settings`. A virtual target always gets the flags, because they
 * always carry `--cpus-per-task` and `--mem` (slurm-flags.ts). Nothing is validated here:
 * readSlurmAnnotations reports what is wrong in the result.
 */
export function writeSlurmAnnotations(settings: SlurmSettings, virtual: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (virtual || hasFlags(settings.flags)) out[SLURM.flags] = formatSlurmFlags(settings.flags);
  const mounts = renderBindMounts(settings.mounts);
  if (mounts !== '') {
    out[SLURM.singularityMounts] = mounts;
    if (settings.legacyAnnotations) out[LEGACY.singularityMounts] = mounts;
  }
  const options = settings.singularityOptions.trim();
  if (options !== '') out[SLURM.singularityOptions] = options;
  const preExec = renderPreExec(settings.preExec);
  if (preExec !== '') {
    out[SLURM.preExec] = preExec;
    if (settings.legacyAnnotations) out[LEGACY.preExec] = preExec;
  }
  return out;
}

export interface ReadSlurmResult {
  settings: SlurmSettings;
  /** Paths start with the annotation key, e.g. ['slurm-job.vk.io/flags', 'time']. */
  issues: Issue[];
  /** Things worth telling the user that are not errors. */
  notes: string[];
}

/**
 * Reads the annotations. `defaults` fill `--cpus-per-task`/`--mem` when the flags lack them
 * (service-form.ts passes the values OSCAR's CPU/memory limits would have given).
 * When both spellings of a key are set and differ, the current one wins: it is the one
 * plugin 0.6.1 reads, so the job keeps behaving as it did there.
 */
export function readSlurmAnnotations(
  annotations: Readonly<Record<string, string>>,
  defaults: { cpusPerTask?: number; mem?: string } = {},
  site: SiteRules = ANY_SITE,
): ReadSlurmResult {
  const issues: Issue[] = [];
  const notes: string[] = [];
  const settings = emptySlurmSettings();
  const flagsText = annotations[SLURM.flags];
  if (flagsText !== undefined) {
    const parsed = parseSlurmFlags(flagsText);
    settings.flags = parsed.flags;
    if (!parsed.ok)
      for (const e of parsed.errors)
        issues.push({ path: e.field === 'flags' ? [SLURM.flags] : [SLURM.flags, e.field], message: e.message });
  }
  settings.flags = {
    ...settings.flags,
    cpusPerTask: settings.flags.cpusPerTask ?? defaults.cpusPerTask,
    mem: settings.flags.mem ?? defaults.mem,
  };
  if (settings.flags.cpusPerTask === undefined) delete settings.flags.cpusPerTask;
  if (settings.flags.mem === undefined) delete settings.flags.mem;

  const mountsBy = new Map<string, BindMount[]>();
  for (const key of [SLURM.singularityMounts, LEGACY.singularityMounts]) {
    const text = annotations[key];
    if (text === undefined) continue;
    const parsed = parseBindMounts(text, site);
    mountsBy.set(key, parsed.mounts);
    issues.push(...parsed.issues.map((i) => ({ path: [key, ...i.path], message: i.message })));
  }
  settings.mounts = mountsBy.get(SLURM.singularityMounts) ?? mountsBy.get(LEGACY.singularityMounts) ?? [];
  const legacyMounts = mountsBy.get(LEGACY.singularityMounts);
  if (
    mountsBy.has(SLURM.singularityMounts) &&
    legacyMounts !== undefined &&
    renderBindMounts(legacyMounts) !== renderBindMounts(settings.mounts)
  ) {
    notes.push(
      `${LEGACY.singularityMounts} differs from ${SLURM.singularityMounts}; Offload keeps ` +
        `the ${SLURM.singularityMounts} binds (the ones plugin 0.3+ reads) and writes them under ` +
        `both keys`,
    );
  }

  const options = annotations[SLURM.singularityOptions];
  if (options !== undefined) {
    const problem = singularityOptionsError(options);
    if (problem !== null) issues.push({ path: [SLURM.singularityOptions], message: problem });
    settings.singularityOptions = options.trim();
  }

  for (const key of [SLURM.preExec, LEGACY.preExec]) {
    const text = annotations[key];
    const problem = text === undefined || text === '' ? null : site.preExec === 'refuse' ? PRE_EXEC_REFUSED : preExecError(text);
    if (problem !== null) issues.push({ path: [key], message: problem });
  }
  const current = annotations[SLURM.preExec];
  const legacy = annotations[LEGACY.preExec];
  settings.preExec = readPreExec(current ?? legacy ?? '');
  if (current !== undefined && legacy !== undefined && readPreExec(current) !== readPreExec(legacy)) {
    notes.push(
      `${LEGACY.preExec} differs from ${SLURM.preExec}; Offload keeps ${SLURM.preExec} (the one ` +
        `plugin 0.6.1 reads) and writes it under both keys`,
    );
  }
  const anyLegacy = LEGACY.singularityMounts in annotations || LEGACY.preExec in annotations;
  const anyCurrent = SLURM.singularityMounts in annotations || SLURM.preExec in annotations;
  settings.legacyAnnotations = anyLegacy || !anyCurrent;
  return { settings, issues, notes };
}
