import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hostile } from '../../scripts/lib/hostile-input.ts';
import { buildJob } from '@/lib/interlink/jobs/job-builder';
import type { JobManifest } from '@/lib/interlink/jobs/job-manifest';
import { sbatchFlags, sbatchFlags062 } from '@/lib/interlink/slurm/sbatch-preview';
import { scriptViolations } from '@/lib/interlink/slurm/script-analysis';
import type { Service } from '@/lib/interlink/services/service';
import { validateService } from '@/lib/interlink/services/service-rules';
import { unbalancedQuote } from '@/lib/interlink/slurm/shell-text';
import { LAB, getJson, kubectlOk, waitFor } from '../../scripts/lib/lab-commands.ts';

import { withAdmissionLab } from './admission-lab';

// Acceptance 2 of issue #14 on the real plugins: 20 hostile inputs Offload accepts, per plugin
// release (vega-vk runs 0.6.1, lumi-vk 0.6.2-pre5), submitted as alice; the batch files, job
// scripts and env files the plugin writes are read as sbatch and the shell read them
// (lib/interlink/slurm/script-analysis.ts): no extra #SBATCH line, no option sbatch should not read,
// balanced quotes, nothing the shell acts on in the container's command, no bind outside the
// lab's roots. Values are ones Slurm accepts too (--comment, --job-name carry the text), as
// the plugin deletes a job's files when sbatch refuses it.

const PER_NODE = 20;
const NODES = [
  ['vega-vk', '0.6.1'],
  ['lumi-vk', '0.6.2'],
] as const;
const lab = withAdmissionLab();
const made = lab.made;

/** Hostile values in every field at once; Slurm-valid flags carry hostile text. */
function hostileService(node: string): fc.Arbitrary<Service> {
  // The pre-exec runs as shell on this machine: harmless lines only (it is shell by design;
  // hostile-input.test.ts checks its directive lines).
  const preExec = fc
    .array(fc.constantFrom('true', 'echo "pre exec"', "echo 'a b'", '# note', '#SBATCH --wait', '#PBS -o /x', ''), { maxLength: 3 })
    .map((l) => l.join('\n'));
  return fc
    .record({
      comment: hostile.value,
      jobName: hostile.value,
      bind: hostile.path,
      options: hostile.words,
      image: hostile.image,
      envName: hostile.text,
      envValue: hostile.text,
      preExec,
    })
    .map((h) => ({
      name: 'hostile',
      namespace: 'alice',
      image: h.image,
      script: 'echo ran\n',
      interlink_node_name: node,
      environment: { variables: { [h.envName]: h.envValue } },
      annotations: {
        'slurm-job.vk.io/flags': `--time=00:05:00 --cpus-per-task=1 --mem=100M --comment=${h.comment} -J ${h.jobName}`,
        'slurm-job.vk.io/singularity-mounts': `--bind /tmp${h.bind}:/in:ro`,
        'slurm-job.vk.io/singularity-options': h.options,
        'slurm-job.vk.io/pre-exec': h.preExec === '' ? 'true\n' : `${h.preExec}\n`,
      },
    }));
}

function accepted(node: string, seed: number): Service[] {
  const out: Service[] = [];
  for (const s of fc.sample(hostileService(node), { numRuns: 20_000, seed })) {
    if (out.length === PER_NODE) break;
    if (validateService(s, lab.settings()).length === 0) out.push(s);
  }
  return out;
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

describe('hostile input on the real Slurm plugins', () => {
  it.each(NODES)(
    '%s (plugin %s): the files it writes for 20 accepted hostile inputs hold no escape',
    async (node, release) => {
      const services = accepted(node, node === 'vega-vk' ? 14 : 62);
      expect(services).toHaveLength(PER_NODE);
      const jobs: JobManifest[] = [];
      for (const service of services) {
        const built = buildJob(service, { owner: 'alice', uuid: randomUUID(), input: '{"x": "$(id)\'"}' });
        await kubectlOk(
          'alice',
          ['apply', '-f', '-'],
          JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [built.configMap, built.job] }),
        );
        made.push(built.job.metadata.name);
        jobs.push(built.job);
      }
      const root = path.join(LAB, 'interlink', node, 'jobs');
      for (const job of jobs) {
        const pod = await waitFor(
          `the pod of ${job.metadata.name}`,
          60_000,
          async () =>
            (
              await getJson<{ items: Array<{ metadata: { uid: string } }> }>('alice', [
                '-n',
                'alice',
                'get',
                'pods',
                '-l',
                `job-name=${job.metadata.name}`,
              ])
            ).items[0],
        );
        const jobDir = path.join(root, `alice-${pod.metadata.uid}`);
        const files = await waitFor(`${jobDir}/job.sh`, 90_000, async () => {
          const batch = read(path.join(jobDir, 'job.slurm'));
          const script = read(path.join(jobDir, 'job.sh'));
          return batch !== undefined && script !== undefined && script.includes('endScript\n') ? { batch, script } : undefined;
        });
        const { annotations } = job.spec.template.metadata;
        const { containers } = job.spec.template.spec;
        const flags = release === '0.6.2' ? sbatchFlags062(annotations, containers) : sbatchFlags(annotations, containers);
        const envFiles = readdirSync(jobDir)
          .filter((f) => f.endsWith('_envfile.properties'))
          .map((f) => readFileSync(path.join(jobDir, f), 'utf8'));
        const commands = files.script
          .split('\n')
          .filter((l) => /^run(Init)?Ctn [a-z]/.test(l))
          .map((l) => l.replace(/^run(Init)?Ctn \S+ /, ''));
        expect(commands).toHaveLength(1);
        expect(envFiles).toHaveLength(1);
        const violations = scriptViolations(
          {
            batch: files.batch,
            expectedDirectives: [
              `#SBATCH --job-name=${pod.metadata.uid}`,
              `#SBATCH --output=${jobDir}/job.out`,
              ...flags.map((f) => `#SBATCH ${f}`),
            ],
            commands,
            envFiles,
            jobDir,
          },
          lab.settings(),
        );
        expect({ annotations, violations, script: unbalancedQuote(files.script) }).toEqual({ annotations, violations: [], script: null });
      }
    },
    600_000,
  );
});
