import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { admissionProblems, type AdmissionObject } from '@/lib/interlink/admission/admission-rules';
import { SBATCH_OPTIONS, SBATCH_SHORT_OPTIONS } from '@/lib/interlink/slurm/sbatch-options';
import type { Service } from '@/lib/interlink/services/service';
import { validateService } from '@/lib/interlink/services/service-rules';
import { LAB, getJson, kubectl, uniqueName, waitFor } from '../../scripts/lib/lab-commands.ts';

import { withAdmissionLab } from './admission-lab';

// Acceptance of the admission policy (deploy/admission/, applied by `lab up`): alice's
// kubectl is refused by the API server with the rule's words for each of the corpus' Jobs,
// Offload's validator refuses the same corpus, the Job without them is admitted and runs, and
// for random flags, binds and pre-exec texts the API server and admission-rules.ts agree.

const POLICY = "ValidatingAdmissionPolicy 'offload-offloaded-jobs'";
const JOB_ROOT = `${LAB}/interlink/vega-vk/jobs`;
const alice = { namespace: 'alice', username: 'alice', groups: ['offload:researchers', 'system:authenticated'] };
const lab = withAdmissionLab();
const made = lab.made;

interface JobManifest {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: {
    backoffLimit: number;
    suspend?: boolean;
    template: { metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> };
  };
}

function jobOn(node: string, name: string, annotations: Record<string, string>, extra: Record<string, unknown> = {}): JobManifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'alice' },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          nodeSelector: { 'kubernetes.io/hostname': node },
          tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }],
          containers: [{ name: 'main', image: 'docker://alpine:3.20', command: ['sh', '-c', 'echo admitted'] }],
          ...extra,
        },
      },
    },
  };
}
const twin = (job: JobManifest) => admissionProblems(job as unknown as AdmissionObject, lab.settings(), alice);
const service = (annotations: Record<string, string>): Service => ({
  name: 'corpus',
  namespace: 'alice',
  image: 'docker://alpine:3.20',
  script: 'echo hi\n',
  interlink_node_name: 'vega-vk',
  annotations,
});
const apply = (job: JobManifest, dryRun = true) =>
  kubectl('alice', ['apply', ...(dryRun ? ['--dry-run=server'] : []), '-f', '-'], JSON.stringify(job));

// A bind source the lab allows wherever the checkout is: /tmp is refused when the checkout (and
// so the plugin's job directory) lies under it (lab/lib/hpc-side.sh makes this one).
const ALLOWED_SOURCE = '/shared/3dgan-data';
const GOOD = {
  'slurm-job.vk.io/flags': '--time=00:05:00 --cpus-per-task=1 --mem=100M',
  'slurm-job.vk.io/singularity-mounts': `--bind ${ALLOWED_SOURCE}:/data:ro`,
};
const CORPUS: Array<[string, Record<string, string>, RegExp]> = [
  ['--outpu=/x', { 'slurm-job.vk.io/flags': '--time=00:05:00 --outpu=/x' }, /'--outpu=\/x' is --output to sbatch, which is not allowed/],
  ['--wait', { 'slurm-job.vk.io/flags': '--time=00:05:00 --wait' }, /'--wait' is not allowed: it makes sbatch wait until the job ends/],
  [
    "a bind of the plugin's job root",
    { 'slurm-job.vk.io/singularity-mounts': `--bind ${JOB_ROOT}:/jobs` },
    new RegExp(`'${JOB_ROOT}' is refused: a bind source must lie under`),
  ],
  ['JobID: "1"', { JobID: '1' }, /annotation JobID of the pod template is reserved/],
  ['a newline in the flags', { 'slurm-job.vk.io/flags': '--time=00:05:00\n--mem=1G' }, /slurm-job.vk.io\/flags must be one line/],
  ['--mem-per-c=1', { 'slurm-job.vk.io/flags': '--mem-per-c=1' }, /is --mem-per-cpu to sbatch, which is not allowed/],
  ['-W', { 'slurm-job.vk.io/flags': '-W' }, /'-W' is --wait to sbatch, which is not allowed/],
  ["a bare --comment before the plugin's own lines", { 'slurm-job.vk.io/flags': '--comment' }, /'--comment' needs a value/],
  [
    'a #PBS line in the pre-exec',
    { 'slurm-job.vk.io/pre-exec': 'echo a\n#PBS -o /tmp/x\n' },
    /pre-exec must not have an #SBATCH, #PBS or #BSUB line/,
  ],
  [
    'a bind in the singularity options',
    { 'slurm-job.vk.io/singularity-options': `--bind ${JOB_ROOT}:/j` },
    /singularity-options must use long options only/,
  ],
  ['offload.io/cancelled-by', { 'offload.io/cancelled-by': 'bob' }, /annotation offload.io\/cancelled-by of the pod template is reserved/],
];

describe('the admission policy in the lab', () => {
  it.each(CORPUS)("refuses alice's kubectl apply of a Job on vega-vk with %s, and so does Offload's validator", async (_, extra, rule) => {
    const job = jobOn('vega-vk', uniqueName('refused'), { ...GOOD, ...extra });
    expect(twin(job), 'admission-rules.ts').not.toEqual([]);
    expect(validateService(service({ ...GOOD, ...extra }), lab.settings()), 'validateService').not.toEqual([]);
    const r = await apply(job, false);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(POLICY);
    expect(r.stderr).toMatch(rule);
  });

  it('admits the same Job without them, and it runs on vega-vk', async () => {
    const name = uniqueName('admitted');
    const job = jobOn('vega-vk', name, GOOD);
    expect(twin(job)).toEqual([]);
    expect(validateService(service(GOOD), lab.settings())).toEqual([]);
    const r = await apply(job, false);
    expect(r.stderr).toBe('');
    made.push(name);
    const pod = await waitFor(
      'the admitted job to succeed',
      120_000,
      async () => {
        const pods = await getJson<{ items: Array<{ status: { phase?: string }; metadata: { annotations?: Record<string, string> } }> }>(
          'alice',
          ['-n', 'alice', 'get', 'pods', '-l', `job-name=${name}`],
        );
        const p = pods.items[0];
        return p?.status.phase === 'Succeeded' ? p : undefined;
      },
      2_000,
    );
    // The virtual kubelet recorded the Slurm job id: its updates are admitted.
    expect(pod.metadata.annotations?.JobID).toMatch(/^\d+$/);
  }, 180_000);

  it("refuses changing a suspended Job's flags to --wait, and offload.io/ annotations outside a cancel", async () => {
    const name = uniqueName('suspended');
    const job = { ...jobOn('vega-vk', name, GOOD), spec: { ...jobOn('vega-vk', name, GOOD).spec, suspend: true } };
    expect((await apply(job, false)).code).toBe(0);
    made.push(name);
    const patch = (body: unknown) => kubectl('alice', ['-n', 'alice', 'patch', 'job', name, '--type=merge', '-p', JSON.stringify(body)]);
    const flags = await patch({ spec: { template: { metadata: { annotations: { 'slurm-job.vk.io/flags': '--wait' } } } } });
    expect(flags.stderr).toMatch(/'--wait' is not allowed/);
    const forged = await patch({ metadata: { annotations: { 'offload.io/slurm-job-id': '42' } }, spec: { suspend: false } });
    expect(forged.stderr).toMatch(/reserved annotations of the Job cannot be set or changed, except/);
    const cancel = await patch({ metadata: { annotations: { 'offload.io/cancelled-by': 'alice' } }, spec: { suspend: true } });
    expect(cancel.code, cancel.stderr).toBe(0);
  });

  it('agrees with admission-rules.ts on random flags, binds and pre-exec texts (API server, dry run)', async () => {
    const longNames = Object.keys(SBATCH_OPTIONS);
    const prefix = fc.constantFrom(...longNames).chain((n) => fc.integer({ min: 1, max: n.length }).map((k) => n.slice(0, k)));
    const value = fc.constantFrom('5', '00:05:00', '1-2', '99:99', '1G', '0', '4Gi', 'gpu', '/x', '', 'a#b', 'x"y', "'", '-1', '=2');
    const item = fc.oneof(
      fc.tuple(prefix, value).map(([n, v]) => `--${n}=${v}`),
      prefix.map((n) => `--${n}`),
      fc
        .tuple(fc.constantFrom(...Object.keys(SBATCH_SHORT_OPTIONS), 'Z'), fc.constantFrom('', 'gpu', '5', 'W'))
        .map(([l, v]) => `-${l}${v}`),
      value,
      fc.constantFrom('\t', '#SBATCH', '--', '-', 'é'),
    );
    const flags = fc.array(item, { maxLength: 5 }).map((items) => items.join(' '));
    const path = fc.constantFrom('/tmp', '/tmp/d', '/etc', JOB_ROOT, `${LAB}`, '/tmp/../etc', '/tmp//x', 'rel', '/oscar/config', '/a b');
    const binds = fc
      .array(
        fc.oneof(
          fc.tuple(path, path, fc.constantFrom('', ':ro', ':rw', ':x')).map(([h, c, o]) => `--bind ${h}:${c}${o}`),
          path.map((p) => `-B ${p}`),
          fc.constantFrom('--bind', '--nv', '--bind=/tmp:/t'),
        ),
        { maxLength: 3 },
      )
      .map((b) => b.join(' '));
    const preExec = fc
      .array(fc.constantFrom('echo a', "echo 'b", "c'", '#SBATCH --wait', '  #PBS -x', '# note', 'x \\', '`date`', '"q"', ''), {
        maxLength: 3,
      })
      .map((l) => `${l.join('\n')}\n`);
    const options = fc
      .array(fc.constantFrom('--nv', '--cleanenv', '-c', '--bind=/tmp:/t', '--home', '--env=A=1', "'x'", '$(id)', '--pwd', '/w'), {
        maxLength: 3,
      })
      .map((w) => w.join(' '));
    const often = (a: fc.Arbitrary<string>) => fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: a, weight: 1 });
    const cases = fc.sample(fc.record({ flags, binds: often(binds), preExec: often(preExec), options: often(options) }), {
      numRuns: 400,
      seed: 20_260_514,
    });
    const jobs = cases.map((c, i) =>
      jobOn('vega-vk', `parity-${i}`, {
        'slurm-job.vk.io/flags': c.flags,
        'slurm-job.vk.io/singularity-mounts': c.binds,
        'slurm-job.vk.io/pre-exec': c.preExec,
        'slurm-job.vk.io/singularity-options': c.options,
      }),
    );
    // One kubectl for all: the API server answers per item.
    const r = await kubectl(
      'alice',
      ['create', '--dry-run=server', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: jobs }),
    );
    const admitted = new Set([...r.stdout.matchAll(/job\.batch\/(parity-\d+) created/g)].map((m) => m[1]));
    const refused = new Set([...r.stderr.matchAll(/jobs\.batch "(parity-\d+)" is (?:forbidden|invalid)/g)].map((m) => m[1]));
    expect(admitted.size + refused.size).toBe(jobs.length);
    const disagreements = jobs
      .filter((j) => (twin(j).length === 0) !== admitted.has(j.metadata.name))
      .map((j) => ({ annotations: j.spec.template.metadata.annotations, twin: twin(j).map((i) => i.message) }));
    expect(disagreements).toEqual([]);
    // Both answers occur, so the agreement says something.
    expect(admitted.size).toBeGreaterThan(10);
    expect(refused.size).toBeGreaterThan(10);
  }, 120_000);

  it('agrees with admission-rules.ts on pods: which reach a virtual node, and what their spec may hold', async () => {
    const container = { name: 'main', image: 'docker://alpine:3.20' };
    const tolerate = { tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }] };
    const specs: Array<Record<string, unknown>> = [
      { nodeName: 'vega-vk', containers: [{ ...container, image: 'docker://alpine;id' }] },
      { nodeName: 'worker-1', containers: [{ ...container, image: 'docker://alpine;id' }] },
      { ...tolerate, containers: [{ ...container, env: [{ name: 'A;id', value: 'x' }] }] },
      {
        ...tolerate,
        containers: [{ ...container, volumeMounts: [{ name: 'h', mountPath: '/h' }] }],
        volumes: [{ name: 'h', hostPath: { path: JOB_ROOT, type: 'Directory' } }],
      },
      {
        ...tolerate,
        containers: [{ ...container, volumeMounts: [{ name: 'h', mountPath: '/h' }] }],
        volumes: [{ name: 'h', hostPath: { path: ALLOWED_SOURCE, type: 'Directory' } }],
      },
      { ...tolerate, securityContext: { runAsUser: 0 }, containers: [container] },
      { ...tolerate, containers: [{ ...container, readinessProbe: { exec: { command: ['sh', '-c', 'echo $(id)'] } } }] },
      { tolerations: [{ operator: 'Exists' }], containers: [{ ...container, image: 'x;id' }] },
      {
        tolerations: [{ operator: 'Exists' }],
        containers: [{ ...container, image: 'x;id' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
            },
          },
        },
      },
      {
        nodeSelector: { 'kubernetes.io/hostname': 'lumi-vk' },
        containers: [{ ...container, volumeMounts: [{ name: 'c', mountPath: '/x y' }] }],
        volumes: [{ name: 'c', emptyDir: {} }],
      },
    ];
    const pods = specs.map((spec, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `parity-pod-${i}`, namespace: 'alice' },
      spec,
    }));
    const r = await kubectl(
      'admin',
      ['create', '--dry-run=server', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }),
    );
    const admitted = new Set([...r.stdout.matchAll(/pod\/(parity-pod-\d+) created/g)].map((m) => m[1]));
    const verdicts = pods.map((p) => [
      p.metadata.name,
      admissionProblems(p as unknown as AdmissionObject, lab.settings(), {
        namespace: 'alice',
        username: 'admin',
        groups: ['system:masters'],
      }).length === 0,
      admitted.has(p.metadata.name),
    ]);
    expect(verdicts.filter(([, twinSays, server]) => twinSays !== server)).toEqual([]);
    expect(verdicts.map(([, , server]) => server)).toEqual([false, true, false, false, true, false, false, false, true, false]);
  });
});
