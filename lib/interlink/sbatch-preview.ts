import { buildJob, type BuildJobOptions, type BuiltJob } from './job-builder';
import type { ContainerManifest, JobManifest } from './job-manifest';
import { SLURM_ANNOTATIONS as SLURM } from './keys';
import { ceilMilli, ceilValue, parseQuantity } from './quantity';
import { isVirtualTarget, type Service } from './service';
import { shellQuote } from './shell-text';

// What the Slurm plugin 0.6.1 writes for a pod: the batch file (job.slurm) and the job
// script (job.sh) with its singularity line, reproduced as produceSLURMScript renders them
// (pkg/slurm/prepare.go at github.com/interlink-hq/interlink-slurm-plugin tag 0.6.1; the
// run test in app/api/services/run.int.test.ts compares with the released plugin's file),
// quirks included: flags split on single spaces, default --cpus-per-task=1
// and --mem=1 unless a container has limits, limits beating the annotation, duplicates
// removed by name keeping the last, the pre-exec followed on the same line by the job path.

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
}

interface Context {
  cfg: PluginConfig;
  uid: string;
  dir: string;
  annotations: Readonly<Record<string, string>>;
  containers: readonly ContainerManifest[];
}

function contextOf(job: JobManifest, options: SbatchOptions): Context {
  const { podUid, ...overrides } = options;
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

/** job.slurm, byte for byte. */
export function renderBatchFile(job: JobManifest, options: SbatchOptions = {}): string {
  const { cfg, uid, dir, annotations, containers } = contextOf(job, options);
  const lines = [`#!${cfg.bashPath}`, `#SBATCH --job-name=${uid}`, `#SBATCH --output=${dir}/job.out`];
  for (const f of sbatchFlags(annotations, containers)) lines.push(`#SBATCH ${f}`);
  return `${lines.join('\n')}\n\n${annotations[SLURM.preExec] ?? ''} ${dir}/job.sh\n`;
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

function singularityLine(ctx: Context, c: ContainerManifest, binds: ReadonlyMap<string, string>): string {
  const parts = [ctx.cfg.singularityPath, c.command.length > 0 ? 'exec' : 'run', ...ctx.cfg.singularityDefaultOptions];
  const options = ctx.annotations[SLURM.singularityOptions] ?? '';
  if (options !== '') parts.push(options);
  for (const m of c.volumeMounts) {
    const src = binds.get(m.name);
    if (src !== undefined) parts.push('--bind', shellQuote(`${src}:${m.mountPath}${m.readOnly === true ? ':ro' : ''}`));
  }
  const mounts = ctx.annotations[SLURM.singularityMounts] ?? '';
  if (mounts !== '') parts.push(mounts);
  parts.push('--env-file', shellQuote(`${ctx.dir}/${c.name}.env`), shellQuote(imageRef(ctx, c.image)));
  for (const a of [...c.command, ...(c.args ?? [])]) parts.push(shellQuote(a));
  return `${parts.join(' ')} &> ${shellQuote(`${ctx.dir}/${c.name}.out`)}`;
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
