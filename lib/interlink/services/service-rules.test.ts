import { describe, expect, it } from 'vitest';

import type { Service } from './service';
import { serviceNotes, validateService } from './service-rules';

const base: Service = {
  name: 'thermal',
  namespace: 'alice',
  image: 'docker://ghcr.io/org/image:1',
  script: 'echo hi\n',
  interlink_node_name: 'vega-vk',
};

const issuesOf = (patch: Partial<Service>) => validateService({ ...base, ...patch });

describe('validateService', () => {
  it('accepts a minimal offloaded service and a minimal ordinary one', () => {
    expect(validateService(base)).toEqual([]);
    expect(issuesOf({ interlink_node_name: '', image: 'ghcr.io/org/image:1' })).toEqual([]);
  });

  it.each<[string, Partial<Service>, Array<string | number>, RegExp]>([
    ['a name longer than OSCAR allows', { name: 'a'.repeat(40) }, ['name'], /at most 39 characters/],
    ['a name that is not a DNS label', { name: 'Thermal_Detector' }, ['name'], /lower-case letters, digits and '-'/],
    ['a bad namespace', { namespace: '' }, ['namespace'], /is required/],
    ['a bad node name', { interlink_node_name: 'Vega VK' }, ['interlink_node_name'], /not a DNS name/],
    ['a bare image on a virtual node', { image: 'ghcr.io/x:y' }, ['image'], /did you mean docker:\/\/ghcr.io\/x:y\?/],
    ['an empty script', { script: ' \n' }, ['script'], /is required/],
    ['a script with NUL', { script: 'a\u0000' }, ['script'], /NUL/],
    ['a huge script', { script: 'x'.repeat(512 * 1024 + 1) }, ['script'], /at most 524288 bytes \(512 KiB\)/],
    [
      'a non-POSIX variable',
      { environment: { variables: { 'MY-VAR': 'x' } } },
      ['environment', 'variables', 'MY-VAR'],
      /not a POSIX variable name/,
    ],
    ['a reserved variable', { environment: { variables: { HOME: '/x' } } }, ['environment', 'variables', 'HOME'], /reserved/],
    ['a NUL in a value', { environment: { variables: { A: '\u0000' } } }, ['environment', 'variables', 'A'], /NUL/],
    [
      'a secret that is also a variable',
      { environment: { variables: { A: '1' }, secrets: { A: '2' } } },
      ['environment', 'secrets', 'A'],
      /is also a variable/,
    ],
    [
      'too much environment',
      { environment: { variables: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`V${i}`, 'x'.repeat(60_000)])) } },
      ['environment', 'variables'],
      /at most 524288 bytes/,
    ],
    [
      'a refused flag',
      { annotations: { 'slurm-job.vk.io/flags': '--wrap=hostname' } },
      ['annotations', 'slurm-job.vk.io/flags', 'extra:wrap'],
      /--wrap is not allowed: the plugin submits its own batch script/,
    ],
    [
      'a short -o',
      { annotations: { 'slurm-job.vk.io/flags': '-o out.txt' } },
      ['annotations', 'slurm-job.vk.io/flags', 'extra:output'],
      /breaks log collection/,
    ],
    [
      'a bad time',
      { annotations: { 'slurm-job.vk.io/flags': '--time=1:2:3:4' } },
      ['annotations', 'slurm-job.vk.io/flags', 'time'],
      /use M, M:S, H:M:S, D-H, D-H:M or D-H:M:S/,
    ],
    [
      'a Kubernetes memory unit',
      { annotations: { 'slurm-job.vk.io/flags': '--mem=4Gi' } },
      ['annotations', 'slurm-job.vk.io/flags', 'mem'],
      /Slurm takes K, M, G or T \(e\.g\. 4G\)/,
    ],
    [
      'a zero count',
      { annotations: { 'slurm-job.vk.io/flags': '--nodes=0' } },
      ['annotations', 'slurm-job.vk.io/flags', 'nodes'],
      /positive integer/,
    ],
    [
      'a newline in flags',
      { annotations: { 'slurm-job.vk.io/flags': '--nodes=1\n--mem=1G' } },
      ['annotations', 'slurm-job.vk.io/flags'],
      /one line/,
    ],
    [
      'a relative bind',
      { annotations: { 'job.vk.io/singularity-mounts': '--bind data:/x' } },
      ['annotations', 'job.vk.io/singularity-mounts', 0, 'hostPath'],
      /absolute path/,
    ],
    [
      'an #SBATCH pre-exec',
      { annotations: { 'slurm-job.vk.io/pre-exec': 'echo\n #SBATCH -p x' } },
      ['annotations', 'slurm-job.vk.io/pre-exec'],
      /line 2 is an #SBATCH directive/,
    ],
    ['a multi-line flavor', { annotations: { 'slurm-job.vk.io/flavor': 'a\nb' } }, ['annotations', 'slurm-job.vk.io/flavor'], /one line/],
    [
      'an image-root with a space',
      { annotations: { 'slurm-job.vk.io/image-root': 'docker:// x' } },
      ['annotations', 'slurm-job.vk.io/image-root'],
      /may contain only letters, digits/,
    ],
    [
      'an image-root with shell',
      { annotations: { 'slurm-job.vk.io/image-root': 'docker://$(id)/' } },
      ['annotations', 'slurm-job.vk.io/image-root'],
      /pastes unquoted/,
    ],
    [
      'the Slurm job id',
      { annotations: { JobID: '1' } },
      ['annotations', 'JobID'],
      /'JobID' is reserved: the virtual kubelet writes the Slurm job id there/,
    ],
    [
      'who cancelled',
      { annotations: { 'offload.io/cancelled-by': 'bob' } },
      ['annotations', 'offload.io/cancelled-by'],
      /is reserved: Offload writes its own offload.io\/ annotations/,
    ],
    [
      'a Slurm job id of Offload',
      { annotations: { 'offload.io/slurm-job-id': '7' } },
      ['annotations', 'offload.io/slurm-job-id'],
      /is reserved/,
    ],
    [
      'a VPN address',
      { annotations: { 'interlink.eu/pod-ip': '1;id' } },
      ['annotations', 'interlink.eu/pod-ip'],
      /pastes it into the batch script/,
    ],
    [
      'MPI flags with shell',
      { annotations: { 'slurm-job.vk.io/mpi-flags': '-x A;id' } },
      ['annotations', 'slurm-job.vk.io/mpi-flags'],
      /may contain only letters/,
    ],
    [
      'enroot mounts',
      { annotations: { 'slurm-job.vk.io/enroot-mounts': '/a:/b' } },
      ['annotations', 'slurm-job.vk.io/enroot-mounts'],
      /enroot command unchecked/,
    ],
    [
      'a flavor with a space',
      { annotations: { 'slurm-job.vk.io/flavor': 'a b' } },
      ['annotations', 'slurm-job.vk.io/flavor'],
      /flavor name/,
    ],
    ['an https image with shell', { image: 'https://x/a.sif;id' }, ['image'], /pastes the image unquoted/],
    ['a bad annotation key', { annotations: { 'a b': 'x' } }, ['annotations', 'a b'], /the name must be 1–63/],
    ['a reserved label', { labels: { oscar_service: 'x' } }, ['labels', 'oscar_service'], /is set by Offload on every job/],
    ['a label Kubernetes sets', { labels: { 'job-name': 'x' } }, ['labels', 'job-name'], /is set by Kubernetes on every job's pod/],
    ['a bad label value', { labels: { team: 'a b' } }, ['labels', 'team'], /letters, digits/],
    ['a bad memory', { memory: '4GB' }, ['memory'], /not a Kubernetes quantity/],
    ['a bad cpu', { cpu: 'two' }, ['cpu'], /not a Kubernetes quantity/],
    ['an unknown log level', { log_level: 'LOUD' }, ['log_level'], /must be one of CRITICAL, ERROR, WARNING, INFO, DEBUG, NOTSET/],
    ['an empty allowed user', { allowed_users: [' '] }, ['allowed_users', 0], /must not be empty/],
    [
      'OSCAR input storage offloaded',
      { input: [{ storage_provider: 'minio.default', path: 'in' }] },
      ['input'],
      /cannot reach an offloaded job: the virtual node ships only ConfigMaps and Secrets/,
    ],
    [
      'OSCAR output storage offloaded',
      { output: [{ storage_provider: 'minio.default', path: 'out' }] },
      ['output'],
      /cannot reach an offloaded job/,
    ],
    ['an OSCAR mount offloaded', { mount: { storage_provider: 'minio.default', path: 'b' } }, ['mount'], /cannot reach an offloaded job/],
    [
      'a persistent volume offloaded',
      { volume: { mount_path: '/data', size: '1Gi' } },
      ['volume'],
      /a persistent volume cannot reach an offloaded job/,
    ],
    [
      'OSCAR storage on an ordinary node',
      { interlink_node_name: '', image: 'alpine', input: [{ storage_provider: 'minio', path: 'x' }] },
      ['input'],
      /without OSCAR's storage supervisor/,
    ],
  ])('refuses %s', (_, patch, path, message) => {
    expect(issuesOf(patch)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("accepts the empty storage values OSCAR's API returns", () => {
    expect(issuesOf({ input: [], output: [], mount: { storage_provider: '', path: '' }, volume: null })).toEqual([]);
  });

  it('accepts a bare image when image-root supplies the scheme', () => {
    expect(issuesOf({ image: 'ghcr.io/x:y', annotations: { 'slurm-job.vk.io/image-root': 'docker://' } })).toEqual([]);
  });

  it('does not mistake Object.prototype names for anything', () => {
    expect(issuesOf({ environment: { variables: { constructor: 'a' }, secrets: { toString: 'b' } } })).toEqual([]);
    expect(issuesOf({ annotations: { 'slurm-job.vk.io/flags': '--constructor=1 --toString' } }).map((i) => i.message)).toEqual([
      "'--constructor' is not an sbatch option",
      "'--toString' is not a flag name; use lower-case letters, digits and dashes",
    ]);
  });
});

describe('serviceNotes', () => {
  it('says what is kept when spellings differ and that enable_gpu does not reach Slurm', () => {
    expect(serviceNotes({ ...base, enable_gpu: true })).toEqual([expect.stringMatching(/request GPUs with --gres=gpu:N/)]);
  });
});
