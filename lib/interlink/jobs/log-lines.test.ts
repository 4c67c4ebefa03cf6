import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { lineKind, timeReportAt, type LineKind } from './log-lines';

/** A log captured from the lab (plugin 0.6.1 on vega-vk, the singularity stand-in), as `kubectl logs` returns it. */
const VEGA_SUCCEEDED = readFileSync(path.join(__dirname, '..', 'fixtures', 'logs', 'vega-vk-succeeded.log'), 'utf8');

const TS = '2026-12-03T08:00:06+00:00';
const DIR = '/data/interlink/alice-adf43238-e649-4e7f-bdf2-48ec0ff6fa52';

describe('lineKind', () => {
  it('tells the wrapper, the runtime and the output apart in a real log', () => {
    const lines = VEGA_SUCCEEDED.split('\n').slice(0, -1);
    expect(lines.map(lineKind)).toEqual<LineKind[]>([
      'output', // pre-exec ran
      'plugin', // This pod … has been submitted
      'plugin', // To get more info
      'plugin', // Running in background
      'plugin', // Waiting for container
      'plugin', // Container … ended with status 0.
      'plugin', // Checking if file exists
      'plugin', // attempt 1/60 file found
      'plugin', // End of script
      'runtime', // [singularity stand-in]
      'output',
      'output',
      'output',
      'output',
      'output',
      'output',
      // bash's time report: only in context (timeReportAt).
      'output',
      'output',
      'output',
      'output',
    ]);
    expect(timeReportAt(lines)).toBe(lines.length - 4);
  });

  it('tells them apart in a 0.6.2 log: an init container, a postStart hook, a preStop on scancel', () => {
    // Built from the printf lines of plugin 0.6.2-pre5 (prepare.go, hooks.go) in the order job.sh writes them.
    const log: Array<[string, LineKind]> = [
      ['This pod train-x7k2p/0c8f4d1e-0000-4abc-8def-123456789abc has been submitted to SLURM node lumi-cn01.', 'plugin'],
      ['To get more info, please run: scontrol show job 4711.', 'plugin'],
      [`${TS} Running init container fetch-data...`, 'plugin'],
      [`${TS} Checking if file exists: ${DIR}/init-fetch-data.status ...`, 'plugin'],
      [`${TS} attempt 1/60 file found ${DIR}/init-fetch-data.status`, 'plugin'],
      [`${TS} Running in background main pid 5150...`, 'plugin'],
      [`${TS} Waiting for container main pid 5150...`, 'plugin'],
      ['slurmstepd: error: *** JOB 4711 ON lumi-cn01 CANCELLED AT 2026-12-03T09:00:00 ***', 'slurm'],
      [`${TS} Received SIGTERM: running preStop lifecycle hooks...`, 'plugin'],
      [`${TS} Running preStop hook for container main...`, 'plugin'],
      [`${TS} preStop hooks completed, terminating containers...`, 'plugin'],
      [`${TS} Sending SIGTERM to container main pid 5150...`, 'plugin'],
      [`${TS} All containers terminated.`, 'plugin'],
      // run-main.out: the postStart hook appends before the container does
      [`${TS} Running postStart hook for container main...`, 'plugin'],
      ['marker written', 'output'],
      [`${TS} postStart hook for container main completed.`, 'plugin'],
      ['INFO:    Using cached SIF image', 'runtime'],
      ['epoch 1/10', 'output'],
    ];
    expect(log.map(([line]) => lineKind(line))).toEqual(log.map(([, kind]) => kind));
  });

  it.each([
    `${TS} Checking if file exists: ${DIR}/init-fetch-data.status ...`,
    `${TS} attempt 1/60 file not found ${DIR}/run-main.status`,
    `${TS} attempt 60/60 file found ${DIR}/init-fetch-data.status`,
    `${TS} Running init container fetch-data...`,
    `${TS} InitContainer fetch-data failed with status 2`,
    `${TS} Running in background main pid 4242...`,
    `${TS} Waiting for container sidecar-2 pid 4243...`,
    `${TS} Container main pid 4242 ended with status 137.`,
    `${TS} End of script, highest exit code 137...`,
    'This pod my-job-x7k2p/0c8f4d1e-0000-4abc-8def-123456789abc has been submitted to SLURM node cn0123.',
    'This pod a.b/0c8f4d1e-0000-4abc-8def-123456789abc has been submitted to SLURM node .',
    'To get more info, please run: scontrol show job 4711.',
    // probes.go
    `${TS} Starting readiness probe for container main...`,
    `${TS} Waiting 5s before starting liveness probe...`,
    `${TS} readiness probe succeeded for main for 1 times. Container is healthy.`,
    `${TS} liveness probe succeeded for main for 1 times. Container is alive.`,
    `${TS} liveness probe failed for main (1/3)`,
    `${TS} startup probe succeeded for main (1/1)`,
    `${TS} liveness probe failed for main after 3 attempts`,
    `${TS} startup probe failed for main after 3 attempts - container should be restarted`,
    `${TS} startup probe successful for main - other probes can now start`,
    `${TS} Waiting for startup probes to succeed before starting other probes for main...`,
    `${TS} startup probe failed for main - exiting`,
    `${TS} All startup probes successful for main - other probes can now start`,
    `${TS} Container main pid 4242 killed for failed probes.`,
    `${TS} No liveness probes defined, all probes completed successfully for container main.`,
    `${TS} Readiness probes failed - not starting liveness probes`,
    `${TS} Startup probes failed - not starting readiness probes`,
    `${TS} Cleaning up probe processes...`,
    'No startup probes defined, starting readiness/liveness probes directly.',
    'No readiness probes defined, starting liveness probes directly.',
    // hooks.go (0.6.2-pre5)
    `${TS} Received SIGTERM: running preStop lifecycle hooks...`,
    `${TS} Running preStop hook for container main...`,
    `${TS} preStop hooks completed, terminating containers...`,
    `${TS} Sending SIGTERM to container main pid 4242...`,
    `${TS} All containers terminated.`,
    `${TS} Running postStart hook for container main...`,
    `${TS} postStart hook for container main completed.`,
    // GetLogs.go follow mode, once or glued together (no newline in between)
    `HTTP InterLink session GetLogs#81: Cannot open in follow mode the container ` +
      `logs ${DIR}/run-main.out because it does not exist yet, sleeping before retrying...`,
    (
      `HTTP InterLink session GetLogs#81: Cannot open in follow mode the container ` +
      `logs ${DIR}/run-main.out because it does not exist yet, sleeping before retrying...`
    ).repeat(3),
  ])('a wrapper line: %s', (line) => {
    expect(lineKind(line)).toBe('plugin');
  });

  it.each<[string, LineKind]>([
    [
      '[singularity stand-in] cannot pull or unpack docker://alpine:3: running the command on the ' +
        "host's filesystem (read-only) as uid 1000",
      'runtime',
    ],
    ['INFO:    Converting OCI blobs to SIF format', 'runtime'],
    ['INFO:    Using cached SIF image', 'runtime'],
    ['WARNING: skipping mount of /etc/localtime: no such file or directory', 'runtime'],
    ['VERBOSE: Set messagelevel to: 4', 'runtime'],
    ['DEBUG:   Parent process exited', 'runtime'],
    [
      'FATAL:   container creation failed: mount hook function failure: mount /a->/b error: while ' +
        "mounting /a: mount source /a doesn't exist",
      'runtime-error',
    ],
    ['ERROR:   Failed to set effective UID', 'runtime-error'],
    ["bwrap: Can't find source path /shared/3dgan-data: No such file or directory", 'runtime-error'],
    ['slurmstepd: error: *** JOB 12 ON labnode CANCELLED AT 2026-12-03T08:10:01 DUE TO TIME LIMIT ***', 'slurm'],
    ['slurmstepd-cn01: error: Detected 1 oom_kill event in StepId=12.batch. Some of the step tasks have been OOM Killed.', 'slurm'],
    ['srun: error: cn01: task 0: Out Of Memory', 'slurm'],
  ])('not the wrapper: %s is %s', (line, kind) => {
    expect(lineKind(line)).toBe(kind);
  });

  it.each([
    'real',
    'real\t0m0.056s',
    'Running in background main pid 30073...', // no timestamp
    '2026-12-03 08:00:06 Running in background main pid 30073...', // not date -Is
    `${TS} Running in background main pid 30073`, // no dots
    `${TS} Running in background Main pid 30073...`, // not a container name
    `${TS} Container main pid 30073 ended with status 0. Done!`,
    `${TS} training epoch 3 finished`,
    `${TS} Checking if file exists: /data/results.csv ...`, // not a status file
    'This pod is running on the HPC side.',
    'This pod my-job/not-a-uid has been submitted to SLURM node cn01.',
    'To get more info, please run: scontrol show job 1. Or ask us.',
    'INFO: starting epoch 3', // not Singularity's padding
    'WARNING:  two spaces',
    'FATAL: one space',
    'info:    lower case',
    'slurmstepd is a daemon',
    ' 2026-12-03T08:00:06+00:00 End of script, highest exit code 0...', // indented
    'x'.repeat(5_000),
  ])('output that resembles the wrapper: %j', (line) => {
    expect(lineKind(line)).toBe('output');
  });

  it('never calls a line that does not start like a wrapper line the wrapper’s', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const line = `out ${s}`.replace(/\n/g, ' ');
        expect(lineKind(line)).toBe('output');
      }),
    );
  });

  it('keeps a wrapper line the wrapper’s only when it is exactly one', () => {
    const wrapper = `${TS} Container main pid 30073 ended with status 0.`;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/^\s*$/.test(s)),
        (extra) => {
          expect(lineKind(`${wrapper}${extra}`)).toBe('output');
          expect(lineKind(`${extra}${wrapper}`)).not.toBe('plugin');
        },
      ),
    );
  });
});

describe('timeReportAt', () => {
  const report = ['', 'real\t0m0.056s', 'user\t0m0.018s', 'sys\t0m0.013s'];

  it('finds bash’s report at the end, with its blank line', () => {
    expect(timeReportAt(['done', ...report])).toBe(1);
    expect(timeReportAt(report)).toBe(0);
  });

  it('finds it without the blank line when the output did not end with a newline', () => {
    expect(timeReportAt(['done', 'real\t0m0.056s', 'user\t0m0.018s', 'sys\t0m0.013s'])).toBe(1);
    expect(timeReportAt(['real\t125m3.123s', 'user\t0m0.000s', 'sys\t10m0.000s'])).toBe(0);
  });

  it.each([
    [['done', 'real\t0m0.056s', 'user\t0m0.018s']],
    [['', 'real\t0m0.056s', 'sys\t0m0.013s', 'user\t0m0.018s']],
    [['', 'real 0m0.056s', 'user 0m0.018s', 'sys 0m0.013s']],
    [['', 'real\t0.056', 'user\t0.018', 'sys\t0.013']], // TIMEFORMAT changed
    [['', 'real\t0m0.056s', 'user\t0m0.018s', 'sys\t0m0.013s', '']],
    [['real', 'user', 'sys']],
    [[]],
  ])('no report at the end of %j', (lines) => {
    expect(timeReportAt(lines)).toBe(-1);
  });
});
