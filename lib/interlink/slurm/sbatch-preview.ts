import { buildJob, type BuildJobOptions, type BuiltJob } from '../jobs/job-builder';
import type { ContainerManifest, JobManifest } from '../jobs/job-manifest';
import { SLURM_ANNOTATIONS as SLURM } from '../model/keys';
import { ceilMilli, ceilValue, parseQuantity } from '../model/quantity';
import { isVirtualTarget, type Service } from '../services/service';
import { shellQuote } from './shell-text';

// What the Slurm plugin 0.6.1 writes for a pod: the batch file (job.slurm) and the job
// script (job.sh) with its singularity line, reproduced as produceSLURMScript renders them
// (pkg/slurm/prepare.go at github.com/interlink-hq/interlink-slurm-plugin tag 0.6.1; the
// run test in app/api/services/run.int.test.ts compares with the released plugin's file),
// quirks included: flags split on single spaces, default --cpus-per-task=1
// and --mem=1 unless a container has limits, limits beating the annotation, duplicates
// removed by name keeping the last, the pre-exec followed on the same line by the job path,
// the singularity command's words pasted unquoted but for the container's command
// (shellescape). `release: '0.6.2'` renders 0.6.2-pre5's batch file instead: flags split as
// shell words with a flag's values on its line, the job path on its own line.

export interface PluginConfig {
  dataRootFolder: string;
  bashPath: string;
  singularityPath: string;
  singularityDefaultOptions: readonly string[];
  imagePrefix: string;
}

/** The plugin's defaults, as the lab configures it. */
export const PLUGIN_DEFAULTS: PluginConfig = {
  dataRootFolder: '/tmp/interlink-jobs',
  bashPath: '/bin/bash',
  singularityPath: 'singularity',
  singularityDefaultOptions: ['--nv', '--no-eval', '--containall'],
  imagePrefix: 'docker://',
};

/** Stands for the pod UID, which exists only once the pod does. */
export const POD_UID_PLACEHOLDER = '<pod-uid>';

export interface SbatchOptions extends Partial<PluginConfig> {
  podUid?: string;
  /** The plugin release whose batch file to render (default 0.6.1). */
  release?: '0.6.1' | '0.6.2';
}

interface Context {
  cfg: PluginConfig;
  uid: string;
  dir: string;
  annotations: Readonly<Record<string, string>>;
  containers: readonly ContainerManifest[];
}

function contextOf(job: JobManifest, options: SbatchOptions): Context {
  const { podUid, release: _release, ...overrides } = options;
  const cfg = { ...PLUGIN_DEFAULTS, ...overrides };
  const uid = podUid ?? POD_UID_PLACEHOLDER;
  const dir = `${cfg.dataRootFolder.replace(/\/+$/, '')}/${job.metadata.namespace}-${uid}`;
  const { metadata, spec } = job.spec.template;
  return { cfg, uid, dir, annotations: metadata.annotations, containers: spec.containers };
}

const flagName = (piece: string) => piece.split('=', 1)[0] ?? '';

/** The flags after the plugin's defaulting, precedence and de-duplication. */
export function sbatchFlags(annotations: Readonly<Record<string, string>>, containers: readonly ContainerManifest[]): string[] {
  let cpuLimit = 0n;
  let memLimitMB = 0n;
  for (const c of containers) {
    const cpu = parseQuantity(c.resources?.limits?.cpu ?? '');
    if (cpu !== null) cpuLimit += (ceilMilli(cpu) + 999n) / 1000n;
    const mem = parseQuantity(c.resources?.limits?.memory ?? '');
    if (mem !== null) memLimitMB += ceilValue(mem) / (1024n * 1024n);
  }
  const flags: string[] = [];
  if (cpuLimit === 0n) flags.push('--cpus-per-task=1');
  if (memLimitMB === 0n) flags.push('--mem=1');
  const raw = annotations[SLURM.flags] ?? '';
  if (raw !== '') {
    for (const piece of raw.split(' ')) {
      const name = flagName(piece);
      if ((cpuLimit > 0n && name === '--cpus-per-task') || (memLimitMB > 0n && name === '--mem')) continue;
      flags.push(piece);
    }
  }
  if (cpuLimit > 0n) flags.push(`--cpus-per-task=${cpuLimit}`);
  if (memLimitMB > 0n) flags.push(`--mem=${memLimitMB}`);
  const last = new Map(flags.map((f, i) => [flagName(f), i]));
  return flags.filter((f, i) => last.get(flagName(f)) === i);
}

const ALIASES_062: Readonly<Record<string, string>> = {
  '-A': '--account',
  '-C': '--constraint',
  '-D': '--chdir',
  '-G': '--gpus',
  '-J': '--job-name',
  '-N': '--nodes',
  '-c': '--cpus-per-task',
  '-n': '--ntasks',
  '-o': '--output',
  '-p': '--partition',
  '-t': '--time',
  '-w': '--nodelist',
};
const key062 = (flag: string) => {
  const first = (flag.split(/\s+/)[0] ?? '').split('=', 1)[0] ?? '';
  return ALIASES_062[first] ?? first;
};

/**
 * 0.6.2-pre5's flags: the annotation split as shell words (Offload's accepted text has no
 * quote or backslash, so on whitespace), each flag with the words after it that do not start
 * with `-`, the defaults unless set, duplicates by key keeping the last at the first's place.
 */
export function sbatchFlags062(annotations: Readonly<Record<string, string>>, containers: readonly ContainerManifest[]): string[] {
  const hasLimit = (r: 'cpu' | 'memory') => containers.some((c) => parseQuantity(c.resources?.limits?.[r] ?? '') !== null);
  const words = (annotations[SLURM.flags] ?? '').split(/\s+/).filter((w) => w !== '');
  const flags: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const parts = [words[i] ?? ''];
    if (parts[0]?.startsWith('-')) while (i + 1 < words.length && !(words[i + 1] ?? '').startsWith('-')) parts.push(words[++i] ?? '');
    const flag = parts.join(' ');
    if ((hasLimit('cpu') && key062(flag) === '--cpus-per-task') || (hasLimit('memory') && key062(flag) === '--mem')) continue;
    flags.push(flag);
  }
  const set = (k: string) => flags.some((f) => key062(f) === k);
  if (!hasLimit('cpu') && !set('--cpus-per-task')) flags.push('--cpus-per-task=1');
  if (!hasLimit('memory') && !set('--mem')) flags.push('--mem=1');
  const last = new Map(flags.map((f) => [key062(f), f]));
  const order = [...new Set(flags.map(key062))];
  return order.map((k) => last.get(k) ?? '');
}

/** job.slurm, byte for byte. */
export function renderBatchFile(job: JobManifest, options: SbatchOptions = {}): string {
  const { cfg, uid, dir, annotations, containers } = contextOf(job, options);
  const lines = [`#!${cfg.bashPath}`, `#SBATCH --job-name=${uid}`, `#SBATCH --output=${dir}/job.out`];
  const release062 = options.release === '0.6.2';
  for (const f of release062 ? sbatchFlags062(annotations, containers) : sbatchFlags(annotations, containers)) lines.push(`#SBATCH ${f}`);
  // The plugin adds a newline and the pre-exec only when the annotation is there.
  const preExec = annotations[SLURM.preExec];
  const prefix = preExec === undefined ? '' : `\n${preExec}`;
  return `${lines.join('\n')}\n${prefix}${release062 ? '\n' : ' '}${dir}/job.sh\n`;
}

/** job.sh, byte for byte: one singularity line per container, then its exit status. */
export function renderJobScript(job: JobManifest, options: SbatchOptions = {}): string {
  const ctx = contextOf(job, options);
  const binds = volumeBinds(job, ctx.dir);
  let out = `#!${ctx.cfg.bashPath}\nset +e\n`;
  for (const c of ctx.containers) out += `${singularityLine(ctx, c, binds)}\necho $? > ${ctx.dir}/${c.name}.status\n`;
  return out;
}

/** Where the plugin puts each volume: ConfigMaps, Secrets and emptyDirs under the job dir. */
function volumeBinds(job: JobManifest, dir: string): Map<string, string> {
  const binds = new Map<string, string>();
  for (const v of job.spec.template.spec.volumes) {
    if (v.hostPath !== undefined) binds.set(v.name, v.hostPath.path);
    else if (v.configMap !== undefined || v.secret !== undefined || v.emptyDir !== undefined) binds.set(v.name, `${dir}/volumes/${v.name}`);
  }
  return binds;
}

/**
 * The runtime command as prepareRuntimeCommand and Create.go join it: the annotations and
 * paths pasted as they are, only the container's command quoted (shellescape.Quote).
 */
function singularityLine(ctx: Context, c: ContainerManifest, binds: ReadonlyMap<string, string>): string {
  const parts = [ctx.cfg.singularityPath, c.command.length > 0 ? 'exec' : 'run', ...ctx.cfg.singularityDefaultOptions];
  parts.push(ctx.annotations[SLURM.singularityMounts] ?? '', ctx.annotations[SLURM.singularityOptions] ?? '');
  if ((c.env ?? []).length > 0) parts.push('--env-file', envFilePath(ctx.dir, c.name));
  const volumes = c.volumeMounts.flatMap((m) => {
    const src = binds.get(m.name);
    return src === undefined ? [] : [` --bind ${src}:${m.mountPath}${m.readOnly === true ? ':ro' : ''}`];
  });
  parts.push(volumes.join(''), imageRef(ctx, c.image));
  for (const a of [...c.command, ...(c.args ?? [])]) parts.push(goShellQuote(a));
  return `${parts.join(' ')} &> ${shellQuote(`${ctx.dir}/${c.name}.out`)}`;
}

export const envFilePath = (dir: string, container: string) => `${dir}/${container}_envfile.properties`;

/** al.essio.dev/pkg/shellescape's Quote, which the plugin uses: safe words as they are. */
export function goShellQuote(text: string): string {
  if (text === '') return "''";
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** The env file the plugin writes for a container: `NAME=<quoted value>` per variable. */
export function renderEnvFile(c: ContainerManifest): string {
  return (c.env ?? []).map((e) => `${e.name}=${goShellQuote(e.value ?? '')}\n`).join('');
}

/** No prefix for absolute paths or references with a scheme; else image-root or the default. */
function imageRef(ctx: Context, image: string): string {
  if (image.startsWith('/') || image.includes('://')) return image;
  const root = ctx.annotations[SLURM.imageRoot] ?? '';
  return (root !== '' ? root : ctx.cfg.imagePrefix) + image;
}

/** The batch file followed by the job script it runs. */
export function renderSbatchPreview(job: JobManifest, options: SbatchOptions = {}): string {
  const { dir } = contextOf(job, options);
  return `${renderBatchFile(job, options)}# ${dir}/job.sh, run by the batch script above:\n${renderJobScript(job, options)}`;
}

export interface ServicePreview extends BuiltJob {
  /** '' for an ordinary node, where no Slurm is involved. */
  sbatch: string;
}

/** What a run of `service` creates and, on a virtual node, what the plugin submits. */
export function buildPreview(service: Service, options: BuildJobOptions, sbatch: SbatchOptions = {}): ServicePreview {
  const built = buildJob(service, options);
  return { ...built, sbatch: isVirtualTarget(service) ? renderSbatchPreview(built.job, sbatch) : '' };
}
