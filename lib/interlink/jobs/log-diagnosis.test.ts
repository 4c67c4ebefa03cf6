import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_WINDOW, diagnoseLog, podBindMounts, type DiagnosisContext } from './log-diagnosis';

const SAMPLE = readFileSync(path.join(__dirname, '..', 'fixtures', 'logs', 'vega-vk-succeeded.log'), 'utf8');
const HEAD = SAMPLE.split('\n').slice(0, 9).join('\n');
const TS = '2026-12-03T08:00:06+00:00';
const DIR = '/data/interlink/alice-adf43238-e649-4e7f-bdf2-48ec0ff6fa52';
const failed = (code: number | null): DiagnosisContext => ({ exitCode: code });

/** A failed run's log: the batch script's lines, then what the container printed. */
function logOf(containerOutput: string, code = 1): string {
  const head = HEAD.replace('highest exit code 0', `highest exit code ${code}`);
  return `${head}\n${containerOutput}\n\nreal\t0m0.010s\nuser\t0m0.001s\nsys\t0m0.002s\n`;
}

describe('diagnoseLog: a bind source missing on the HPC side', () => {
  const binds = [{ hostPath: '/shared/3dgan-data', containerPath: '/exp_data', readOnly: false }];

  it('reads bubblewrap’s message (the lab’s runtime), naming the destination from the job’s mounts', () => {
    const log = logOf(
      "[singularity stand-in] cannot pull or unpack docker://alpine:3\nbwrap: Can't find source " +
        'path /shared/3dgan-data: No such file or directory',
    );
    expect(diagnoseLog(log, { exitCode: 1, binds })).toEqual({
      kind: 'bind-source',
      sentence: 'The HPC side has no /shared/3dgan-data: the bind mount --bind /shared/3dgan-data:/exp_data cannot be made there.',
      evidence: "bwrap: Can't find source path /shared/3dgan-data: No such file or directory",
    });
    expect(diagnoseLog(log, failed(1))?.sentence).toBe(
      'The HPC side has no /shared/3dgan-data: it cannot be bind-mounted into the container there.',
    );
  });

  it('marks a read-only bind as such', () => {
    const log = logOf("bwrap: Can't find source path /shared/3dgan-data/: No such file or directory");
    const ro = [{ hostPath: '/shared/3dgan-data', containerPath: '/exp_data', readOnly: true }];
    expect(diagnoseLog(log, { exitCode: 1, binds: ro })?.sentence).toContain('--bind /shared/3dgan-data/:/exp_data:ro');
  });

  it.each([
    // SingularityCE 3.9+ and Apptainer
    'FATAL:   container creation failed: mount hook function failure: mount ' +
      '/shared/3dgan-data->/exp_data error: while mounting /shared/3dgan-data: mount source ' +
      "/shared/3dgan-data doesn't exist",
    // SingularityCE before 3.9
    'FATAL:   container creation failed: mount /shared/3dgan-data->/exp_data error: while ' +
      "mounting /shared/3dgan-data: mount source /shared/3dgan-data doesn't exist",
  ])('reads Singularity’s and Apptainer’s message, destination included: %s', (line) => {
    expect(diagnoseLog(logOf(line, 255), failed(255))).toMatchObject({
      kind: 'bind-source',
      sentence: 'The HPC side has no /shared/3dgan-data: the bind mount --bind /shared/3dgan-data:/exp_data cannot be made there.',
    });
  });
});

describe('diagnoseLog: the service-account token', () => {
  it.each([
    `bwrap: Can't find source path ${DIR}/projectedVolumeMaps/kube-api-access-x7k2p/token: No such file or directory`,
    `FATAL:   container creation failed: mount hook function failure: ` +
      `mount ${DIR}/projectedVolumeMaps/kube-api-access-x7k2p/token->/var/run/secrets/kubernetes.io/serviceaccount/token ` +
      `error: while mounting ${DIR}/projectedVolumeMaps/kube-api-access-x7k2p/token: mount ` +
      `source ${DIR}/projectedVolumeMaps/kube-api-access-x7k2p/token doesn't exist`,
  ])('says the plugin did not write it, and how to do without: %s', (line) => {
    const log = logOf(
      `WARNING: skipping mount of ${DIR}/projectedVolumeMaps/kube-api-access-x7k2p/ca.crt: stat: no such file or directory\n${line}`,
      255,
    );
    expect(diagnoseLog(log, failed(255))).toEqual({
      kind: 'service-account-token',
      sentence:
        'The Kubernetes service-account token could not be mounted on the HPC side: the plugin did ' +
        'not write its token there. If the job does not use the Kubernetes API, set ' +
        "automountServiceAccountToken: false in the Job's pod template.",
      evidence: line.length > 300 ? expect.stringMatching(/…$/) : line,
    });
  });
});

describe('diagnoseLog: the image', () => {
  it.each([
    [
      'FATAL:   While making image from oci registry: error fetching image to cache: failed to ' +
        'get checksum for docker://nosuch/image:latest: reading manifest latest in ' +
        'docker.io/nosuch/image: requested access to the resource is denied',
      'The HPC side could not pull the image docker://nosuch/image:latest: requested access to the resource is denied.',
    ],
    [
      'FATAL:   Unable to handle docker://ghcr.io/x/y:1.0 uri: failed to get checksum for ' +
        'docker://ghcr.io/x/y:1.0: reading manifest 1.0 in ghcr.io/x/y: manifest unknown',
      'The HPC side could not pull the image docker://ghcr.io/x/y:1.0: manifest unknown.',
    ],
    [
      'FATAL:   While making image from oci registry: error fetching image: context deadline exceeded',
      'The HPC side could not pull the job’s image: context deadline exceeded.',
    ],
    [
      'FATAL:   could not open image /shared/images/3dgan.sif: failed to retrieve path for ' +
        '/shared/images/3dgan.sif: lstat /shared/images/3dgan.sif: no such file or directory',
      'The HPC side has no image /shared/images/3dgan.sif: Singularity could not open it.',
    ],
    [
      'FATAL:   could not open image /shared/images/3dgan.sif: image format not recognized',
      'Singularity could not open the image /shared/images/3dgan.sif on the HPC side: image format not recognized.',
    ],
  ])('%s', (line, sentence) => {
    expect(diagnoseLog(logOf(line, 255), failed(255))).toMatchObject({ kind: 'image', sentence });
  });
});

describe('diagnoseLog: a command not found', () => {
  it.each([
    ['sh: 1: foo: not found', 'foo'],
    ['/bin/sh: foo: command not found', 'foo'],
    ['/bin/sh: line 1: foo: command not found', 'foo'],
    ['bash: foo: command not found', 'foo'],
    ['./train.sh: line 3: python3: command not found', 'python3'],
    ['singularity: 1: exec: foo: not found', 'foo'], // the lab's stand-in runs the command with sh's exec
    ['bash: line 1: exec: foo: not found', 'foo'],
    ['exec: foo: not found', 'foo'],
    ['sh: /opt/run.sh: not found', '/opt/run.sh'],
  ])('%s', (line, command) => {
    expect(diagnoseLog(logOf(line, 127), failed(127))).toMatchObject({
      kind: 'command-not-found',
      sentence: `The command ${command} was not found in the container (exit code 127).`,
    });
    expect(diagnoseLog(logOf(line), failed(null))?.sentence).toBe(`The command ${command} was not found in the container.`);
  });

  it('does not blame a shell’s “not found” for another exit code: the script went on', () => {
    expect(diagnoseLog(logOf('sh: 1: foo: not found\ntraining failed', 1), failed(1))).toBeNull();
  });

  it('reads Singularity’s own message whatever the exit code', () => {
    expect(diagnoseLog(logOf('FATAL:   "train.py": executable file not found in $PATH', 255), failed(255))).toMatchObject({
      kind: 'command-not-found',
      sentence: 'The command train.py does not exist in the container: Singularity found no such executable in its PATH.',
    });
  });
});

describe('diagnoseLog: Slurm', () => {
  it.each([
    'slurmstepd: error: Detected 1 oom_kill event in StepId=12.batch. Some of the step tasks have been OOM Killed.',
    'slurmstepd: error: Detected 1 oom-kill event(s) in StepId=12.batch. Some of your processes ' +
      'may have been killed by the cgroup out-of-memory handler.',
    'slurmstepd: error: Detected 2 oom-kill event(s) in step 12.batch cgroup. Some of your ' +
      'processes may have been killed by the cgroup out-of-memory handler.',
  ])('out of memory, naming the step: %s', (line) => {
    const d = diagnoseLog(`${HEAD}\n${line}\n`, failed(137));
    expect(d).toMatchObject({ kind: 'out-of-memory' });
    expect(d?.sentence).toBe(
      'The job ran out of memory: Slurm killed a process in step 12.batch for using more memory ' +
        'than the job asked for; ask for more with --mem.',
    );
  });

  it.each([
    'slurmstepd: error: Exceeded job memory limit',
    'slurmstepd: error: Exceeded step memory limit at some point.',
    'slurmstepd: error: Job 12 exceeded memory limit (2097152 > 1048576), being killed',
  ])('out of memory, older wordings: %s', (line) => {
    expect(diagnoseLog(`${HEAD}\n${line}\n`, failed(null))?.sentence).toBe(
      'The job ran out of memory: Slurm killed the job for using more memory than the job asked for; ask for more with --mem.',
    );
  });

  it('the time limit, before anything the program printed', () => {
    const log =
      `${HEAD}\nslurmstepd: error: *** JOB 12 ON labnode CANCELLED AT 2026-12-03T08:10:01 DUE TO ` +
      `TIME LIMIT ***\nbash: foo: command not found\n`;
    expect(diagnoseLog(log, failed(null))).toEqual({
      kind: 'time-limit',
      sentence:
        'Slurm cancelled job 12 on labnode at 2026-12-03T08:10:01 because it reached its time ' +
        'limit: ask for more time with --time, or make the job shorter.',
      evidence: 'slurmstepd: error: *** JOB 12 ON labnode CANCELLED AT 2026-12-03T08:10:01 DUE TO TIME LIMIT ***',
    });
    expect(
      diagnoseLog('slurmstepd: error: *** STEP 12.0 ON cn01 CANCELLED AT 2026-12-03T08:10:01 DUE TO TIME LIMIT ***', failed(0))?.sentence,
    ).toMatch(/^Slurm cancelled step 12\.0 on cn01/);
  });
});

describe('diagnoseLog: nothing to say', () => {
  it.each([
    ['a successful run', SAMPLE, 0],
    ['a program’s own error', logOf('Traceback (most recent call last):\nValueError: bad input', 1), 1],
    [
      'look-alikes in the output',
      logOf(
        `${TS} mount source /x doesn't exist\nthe job reached its time limit, they said\nExceeded ` +
          `job memory limit? no\nFATAL: something else`,
        1,
      ),
      1,
    ],
    ['an empty log', '', null],
  ])('%s', (_, log, code) => {
    expect(diagnoseLog(log, failed(code))).toBeNull();
  });
});

describe('diagnoseLog: bounds', () => {
  it('searches the first and the last window of a huge log, not its middle', () => {
    const filler = `${'x'.repeat(99)}\n`.repeat(50_000); // 5 MB
    const line = "bwrap: Can't find source path /a: No such file or directory";
    expect(diagnoseLog(`${line}\n${filler}`, failed(1))?.kind).toBe('bind-source');
    expect(diagnoseLog(`${filler}${line}\n`, failed(1))?.kind).toBe('bind-source');
    const middle = `${filler}${line}\n${filler}`;
    const started = performance.now();
    expect(diagnoseLog(middle, failed(1))).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('does not read half a line at a window’s edge as a whole one', () => {
    const line = 'bash: foo: command not found';
    const cut = `${'x'.repeat(DIAGNOSIS_WINDOW - 10)}${line}${'\n'.repeat(3)}${'y\n'.repeat(DIAGNOSIS_WINDOW)}`;
    expect(diagnoseLog(cut, failed(127))).toBeNull();
  });

  it('never throws and answers quickly, whatever the text', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 3_000 }),
      fc.constantFrom(
        'mount ',
        '->',
        ' error: ',
        'mount source ',
        "doesn't exist",
        'FATAL:   ',
        ': ',
        'exec: ',
        'not found',
        '***',
        ' ',
        '\n',
        'x'.repeat(5_000),
      ),
    );
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 60 }), fc.option(fc.integer({ min: -1, max: 255 }), { nil: null }), (parts, code) => {
        const started = performance.now();
        const d = diagnoseLog(parts.join(''), failed(code));
        expect(performance.now() - started).toBeLessThan(200);
        if (d !== null) expect(d.sentence.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    `FATAL:   ${'mount a->b error: '.repeat(110)}mount source x doesn't exist`,
    `FATAL:   could not open image ${': '.repeat(1_000)}`,
    `FATAL:   While making image from oci registry: ${'docker://a'.repeat(200)}`,
  ])('answers lines built to make the patterns backtrack in bounded time (%#)', (line) => {
    const started = performance.now();
    diagnoseLog(`${line}\n`.repeat(2_000), failed(1));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers a 50 MB single line in bounded time', () => {
    const started = performance.now();
    expect(diagnoseLog(`mount ${'a'.repeat(50 * 1024 * 1024)}`, failed(1))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('podBindMounts', () => {
  it('reads the singularity-mounts annotation, current spelling first', () => {
    const pod = {
      metadata: {
        annotations: { 'slurm-job.vk.io/singularity-mounts': '--bind /a:/b -B /c:/d:ro', 'job.vk.io/singularity-mounts': '--bind /x:/y' },
      },
    };
    expect(podBindMounts(pod)).toEqual([
      { hostPath: '/a', containerPath: '/b', readOnly: false },
      { hostPath: '/c', containerPath: '/d', readOnly: true },
    ]);
    expect(podBindMounts({ metadata: { annotations: { 'job.vk.io/singularity-mounts': '--bind /x:/y' } } })).toHaveLength(1);
    expect(podBindMounts(undefined)).toEqual([]);
  });
});
