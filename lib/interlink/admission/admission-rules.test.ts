import { describe, expect, it } from 'vitest';

import { admissionProblems, admissionSettings, targetsVirtualNode, type AdmissionObject, type AdmissionPodSpec } from './admission-rules';

const settings = admissionSettings({
  virtualNodes: 'vega-vk lumi-vk',
  allowedBindRoots: '/data /tmp',
  refusedBindRoots: '/tmp/interlink-jobs',
  exemptGroups: 'vks',
});
const alice = { namespace: 'alice', username: 'alice', groups: ['offload:researchers'] };
const onVega: AdmissionPodSpec = {
  nodeSelector: { 'kubernetes.io/hostname': 'vega-vk' },
  tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }],
  containers: [{ image: 'docker://alpine:3.20' }],
};
const job = (
  annotations: Record<string, string>,
  spec: Partial<AdmissionPodSpec> = {},
  meta: Record<string, string> = {},
): AdmissionObject => ({
  kind: 'Job',
  metadata: { annotations: meta },
  spec: { template: { metadata: { annotations }, spec: { ...onVega, ...spec } } },
});
const messages = (o: AdmissionObject, who = alice) => admissionProblems(o, settings, who).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('targetsVirtualNode', () => {
  const vn = ['vega-vk'];
  it.each<[string, AdmissionPodSpec, boolean]>([
    ['bound to it', { nodeName: 'vega-vk', containers: [] }, true],
    ['bound elsewhere, whatever it tolerates', { nodeName: 'worker-1', tolerations: [{ operator: 'Exists' }], containers: [] }, false],
    ['selecting it', { nodeSelector: { 'kubernetes.io/hostname': 'vega-vk' }, containers: [] }, true],
    [
      'tolerating its taint by name',
      { tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Equal', value: 'x' } as never], containers: [] },
      true,
    ],
    ['tolerating every taint', { tolerations: [{ operator: 'Exists' }], containers: [] }, true],
    [
      'a DaemonSet pod pinned to an ordinary node',
      {
        tolerations: [{ operator: 'Exists' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
            },
          },
        },
        containers: [],
      },
      false,
    ],
    ['an ordinary pod', { nodeSelector: { disk: 'ssd' }, containers: [] }, false],
  ])('%s: %s', (_, spec, expected) => {
    expect(targetsVirtualNode(spec, vn)).toBe(expected);
  });
});

describe('admissionProblems', () => {
  it('admits an ordinary offloaded job', () => {
    expect(
      messages(
        job({ 'slurm-job.vk.io/flags': '--time=00:05:00 --mem=1G -p cpu', 'slurm-job.vk.io/singularity-mounts': '--bind /data/x:/x' }),
      ),
    ).toEqual([]);
  });

  it.each([
    [{ 'slurm-job.vk.io/flags': '--outpu=/x' }, /flags\.extra:output: --outpu is --output to sbatch, which is not allowed/],
    [{ 'slurm-job.vk.io/flags': '--wait' }, /--wait is not allowed/],
    [{ 'slurm-job.vk.io/flags': '--time=5\n--wait' }, /must be one line/],
    [
      { 'slurm-job.vk.io/singularity-mounts': '--bind /tmp/interlink-jobs:/j' },
      /is inside \/tmp\/interlink-jobs, the plugin's job directory/,
    ],
    [{ 'slurm-job.vk.io/singularity-mounts': '--bind /etc:/j' }, /outside the directories this site allows/],
    [{ JobID: '1' }, /JobID: 'JobID' is reserved/],
    [{ 'slurm-job.vk.io/singularity-options': '-B /tmp/interlink-jobs:/j' }, /long form/],
  ])('refuses %j', (annotations, message) => {
    expect(messages(job(annotations))).toContainEqual(expect.stringMatching(message));
  });

  it("refuses what only the policy sees: the pod spec and the Job's own annotations", () => {
    expect(
      messages(job({}, { containers: [{ image: 'docker://a;id', env: [{ name: 'A B' }], volumeMounts: [{ mountPath: '/x;id' }] }] })),
    ).toEqual([
      expect.stringMatching(/containers\.0\.image: may contain only/),
      expect.stringMatching(/containers\.0\.env\.A B: is not a POSIX variable name/),
      expect.stringMatching(/containers\.0\.volumeMounts\.\/x;id: must be an absolute path/),
    ]);
    expect(messages(job({}, { volumes: [{ hostPath: { path: '/tmp/interlink-jobs/bob-1' } }] }))).toEqual([
      expect.stringMatching(/volumes\.0\.hostPath\.path: .* is inside/),
    ]);
    expect(messages(job({}, { securityContext: { runAsUser: 0 } }))).toEqual([expect.stringMatching(/runAsUser: becomes sbatch --uid/)]);
    expect(messages(job({}, { containers: [{ image: 'docker://a', readinessProbe: { exec: { command: ['sh', '$(id)'] } } }] }))).toEqual([
      expect.stringMatching(/probes/),
    ]);
    expect(messages(job({}, {}, { 'offload.io/cancelled-by': 'bob' }))).toEqual([
      expect.stringMatching(/^metadata\.annotations\.offload\.io\/cancelled-by: .* is reserved/),
    ]);
    // Which client made it is the creator's to say (the OSCAR API runs as the caller).
    expect(messages(job({}, {}, { 'offload.io/created-via': 'oscar-api' }))).toEqual([]);
  });

  it('lets the virtual kubelets and ordinary pods be', () => {
    expect(admissionProblems(job({ JobID: '1' }), settings, { ...alice, groups: ['vks'] })).toEqual([]);
    expect(
      admissionProblems(
        { kind: 'Pod', metadata: { annotations: { JobID: '1' } }, spec: { containers: [{ image: 'x y' }] } },
        settings,
        alice,
      ),
    ).toEqual([]);
  });

  it('pins flavors to namespaces and can refuse pre-exec', () => {
    const pinned = { ...settings, namespaceFlavors: ['alice=alice-uid'] };
    expect(admissionProblems(job({ 'slurm-job.vk.io/flavor': 'alice-uid' }), pinned, alice)).toEqual([]);
    expect(admissionProblems(job({ 'slurm-job.vk.io/flavor': 'bob-uid' }), pinned, alice)).toEqual([
      expect.objectContaining({ message: 'must be the flavor this site assigns to namespace alice' }),
    ]);
    expect(admissionProblems(job({}), pinned, alice)).toHaveLength(1);
    expect(admissionProblems(job({ 'slurm-job.vk.io/pre-exec': 'echo a\n' }), { ...settings, preExec: 'refuse' }, alice)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/is refused on this site/) }),
    ]);
  });
});
