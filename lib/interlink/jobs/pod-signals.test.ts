import { describe, expect, it } from 'vitest';

import { clip, currentPod, exitCodeOf, mentionsOutOfMemory, mentionsTimeout, nodeOf, slurmJobIdOf } from './pod-signals';

describe('exitCodeOf', () => {
  it('prefers the first non-zero code', () => {
    expect(exitCodeOf([{ exitCode: 0 }, { exitCode: 3 }, { exitCode: 4 }])).toBe(3);
    expect(exitCodeOf([{ exitCode: 0 }, { exitCode: 0 }])).toBe(0);
    expect(exitCodeOf([])).toBeNull();
  });
});

describe('outcome words', () => {
  it.each([
    ['SlurmJobTimeout', true],
    ['slurm state TIMEOUT', true],
    ['CANCELLED AT 2025-01-01 DUE TO TIME LIMIT', true],
    ['DeadlineExceeded', true],
    ['job exceeded its time limit', true],
    ['Get "http://x": context deadline exceeded (Client.Timeout exceeded)', false],
    ['Completed', false],
  ])('timeout in %j: %s', (text, expected) => {
    expect(mentionsTimeout([text])).toBe(expected);
  });

  it.each([
    ['OOMKilled', true],
    ['OUT_OF_MEMORY', true],
    ['Some of your processes may have been killed by the cgroup out-of-memory handler', true],
    ['out of memory', true],
    ['oom-kill event', true],
    ['Error: 137', false],
    ['zoom', false],
  ])('out of memory in %j: %s', (text, expected) => {
    expect(mentionsOutOfMemory([text])).toBe(expected);
  });
});

describe('pod facts', () => {
  it('reads the Slurm job id and the node', () => {
    expect(slurmJobIdOf({ metadata: { annotations: { JobID: '77' } } })).toBe('77');
    expect(slurmJobIdOf({ metadata: { annotations: { JobID: '' } } })).toBeNull();
    expect(slurmJobIdOf(undefined)).toBeNull();
    expect(nodeOf({ spec: { nodeName: 'a', nodeSelector: { 'kubernetes.io/hostname': 'b' } } })).toBe('a');
    expect(nodeOf({ spec: { nodeName: '', nodeSelector: { 'kubernetes.io/hostname': 'b' } } })).toBe('b');
    expect(nodeOf({})).toBeNull();
  });

  it('picks the newest pod', () => {
    const old = { metadata: { name: 'old', creationTimestamp: '2025-01-01T00:00:00Z' } };
    const fresh = { metadata: { name: 'new', creationTimestamp: '2025-01-02T00:00:00Z' } };
    expect(currentPod([fresh, old])?.metadata.name).toBe('new');
    expect(currentPod([])).toBeUndefined();
  });

  it('clips long or multi-line text to one line', () => {
    expect(clip('a\n  b')).toBe('a b');
    expect(clip('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
