import fc from 'fast-check';

import type { JobManifest } from '../../lib/interlink/jobs/job-manifest.ts';
import { SBATCH_OPTIONS, SBATCH_SHORT_OPTIONS } from '../../lib/interlink/slurm/sbatch-options.ts';
import {
  PLUGIN_DEFAULTS,
  renderBatchFile,
  renderEnvFile,
  renderJobScript,
  sbatchFlags,
  sbatchFlags062,
} from '../../lib/interlink/slurm/sbatch-preview.ts';
import { scriptViolations } from '../../lib/interlink/slurm/script-analysis.ts';
import type { SiteRules } from '../../lib/interlink/services/site-rules.ts';

// Test support only (imported by hostile-input tests): hostile values for every field that
// reaches an annotation or a script, and the check of what the plugin would write for a job.

const DANGER = [
  '\n',
  '\r',
  '\t',
  ' ',
  '  ',
  '"',
  "'",
  '`',
  '\\',
  '#',
  '$',
  '(',
  ')',
  ';',
  '&',
  '|',
  '<',
  '>',
  '*',
  '?',
  '[',
  ']',
  '{',
  '}',
  '~',
  '=',
  ':',
  ',',
  '%',
  '@',
  '+',
  '/',
  '.',
  '..',
  '//',
  '-',
  '--',
  '#SBATCH ',
  '#PBS ',
  '--output=/x',
  '--wait',
  '-W',
  '--uid=0',
  '$(id)',
  '`id`',
  'é',
  '\u00a0',
  '\u2028',
  '\u0000',
  '/tmp/interlink-jobs',
  '/data',
  '/scratch',
  'ro',
  'rw',
  '--bind',
  '-B',
  'gpu',
  '5',
  '00:05:00',
  '1G',
];
const SAFE = [
  'a',
  'b',
  'x1',
  'gpu',
  'cpu',
  '5',
  '00:05:00',
  '1G',
  'data',
  'in',
  'node-[01-04]',
  'proj.x',
  'u@site.org',
  '1-12',
  '7',
  'ab_c',
];
const pieces = (units: readonly string[], max: number) =>
  fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: max }).map((p) => p.join(''));
/** Mostly harmless, often hostile: enough of each is accepted for a property to mean something. */
const mixed = (max: number) =>
  fc.oneof(
    { arbitrary: pieces(SAFE, 2), weight: 3 },
    { arbitrary: pieces([...SAFE, ...DANGER], max), weight: 3 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  );

const names = Object.keys(SBATCH_OPTIONS);
const prefix = fc.constantFrom(...names).chain((n) => fc.integer({ min: 1, max: n.length }).map((k) => n.slice(0, k)));
const segment = fc.oneof(
  { arbitrary: fc.constantFrom('data', 'scratch', 'in', 'x', 'a.b', 'tmp', 'interlink-jobs', 'alice-1'), weight: 4 },
  { arbitrary: fc.constantFrom(...DANGER), weight: 1 },
);
const path = fc.oneof(
  { arbitrary: fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`), weight: 4 },
  { arbitrary: mixed(4), weight: 1 },
);
const word = fc.oneof(
  mixed(3),
  fc.constantFrom(
    '--nv',
    '--cleanenv',
    '--contain',
    '--pwd',
    '/w',
    '--home=/tmp/interlink-jobs',
    '-B',
    '--bind',
    '-c',
    '--env=A=1',
    '--bind-to',
    'core',
  ),
);

export const hostile = {
  text: mixed(6),
  value: mixed(4),
  optionName: fc.oneof(prefix, mixed(3)),
  shortFlag: fc
    .tuple(
      fc.constantFrom(...Object.keys(SBATCH_SHORT_OPTIONS), 'Z', '-', ''),
      fc.oneof(fc.constant(''), mixed(3)),
      fc.constantFrom('', ' ', ' x'),
    )
    .map(([l, v, after]) => `-${l}${v}${after}`),
  flagsText: fc
    .array(
      fc.oneof(
        fc.tuple(prefix, mixed(3)).map(([n, v]) => `--${n}=${v}`),
        prefix.map((n) => `--${n}`),
        fc.tuple(fc.constantFrom(...Object.keys(SBATCH_SHORT_OPTIONS)), mixed(2)).map(([l, v]) => `-${l}${v}`),
        mixed(3),
      ),
      { maxLength: 5 },
    )
    .map((items) => items.join(' ')),
  path,
  bindsText: fc
    .array(
      fc.oneof(
        fc.tuple(path, path, fc.constantFrom('', ':ro', ':rw', ':x')).map(([h, c, o]) => `--bind ${h}:${c}${o}`),
        path.map((p) => `-B ${p}`),
        path.map((p) => `--bind=${p}`),
        mixed(2),
      ),
      { maxLength: 3 },
    )
    .map((b) => b.join(' ')),
  words: fc.array(word, { maxLength: 4 }).map((w) => w.join(' ')),
  image: fc
    .tuple(
      fc.constantFrom('docker://', 'https://', 'oras://', '/', ''),
      fc.oneof(fc.constantFrom('alpine:3.20', 'ghcr.io/a/b:1', 'x/y.sif'), mixed(4)),
    )
    .map(([scheme, ref]) => scheme + ref),
  preExec: fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'module load x',
          'echo "a b"',
          "echo 'c'",
          '#SBATCH --wait',
          '#PBS -o /x',
          '#BSUB -J x',
          '  #SBATCH -p x',
          '# note',
          '',
          'x \\',
          "'",
          '`date`',
        ),
        mixed(4),
      ),
      { maxLength: 4 },
    )
    .map((l) => l.join('\n')),
};

/** What scriptViolations finds in the scripts both plugin releases would write for `job`. */
export function hostileRender(job: JobManifest, site: SiteRules): string[] {
  const uid = 'u1';
  const jobDir = `${PLUGIN_DEFAULTS.dataRootFolder}/${job.metadata.namespace}-${uid}`;
  const { annotations } = job.spec.template.metadata;
  const { containers } = job.spec.template.spec;
  const commands = renderJobScript(job, { podUid: uid })
    .split('\n')
    .filter((l) => l.startsWith(`${PLUGIN_DEFAULTS.singularityPath} `))
    .map((l) => l.replace(/ &> '[^']*'$/, ''));
  const envFiles = containers.map(renderEnvFile);
  return (['0.6.1', '0.6.2'] as const).flatMap((release) => {
    const flags = release === '0.6.2' ? sbatchFlags062(annotations, containers) : sbatchFlags(annotations, containers);
    const expectedDirectives = [`#SBATCH --job-name=${uid}`, `#SBATCH --output=${jobDir}/job.out`, ...flags.map((f) => `#SBATCH ${f}`)];
    const batch = renderBatchFile(job, { podUid: uid, release });
    return scriptViolations({ batch, expectedDirectives, commands, envFiles, jobDir }, site).map((v) => `${release}: ${v}`);
  });
}
