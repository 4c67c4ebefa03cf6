import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parsePingResponse, withoutPingAnswer } from './ping';
import { parseSinfoSummary } from '../slurm/sinfo';
import { LAB_SINFO, sinfoCase } from '../../../scripts/lib/arbitraries/sinfo.ts';

describe('parsePingResponse', () => {
  it('reads a JSON answer as the virtual kubelet does', () => {
    const raw = JSON.stringify({
      status: 'ok',
      resources: {
        cpu: '128',
        memory: '512Gi',
        pods: 1000,
        accelerators: [{ resourceType: 'nvidia.com/gpu', available: 4, model: 'a100' }, { junk: true }],
      },
      taints: [{ key: 'site', value: 'vega', effect: 'NoSchedule' }, 'bad'],
    });
    expect(parsePingResponse(raw)).toEqual({
      kind: 'json',
      status: 'ok',
      resources: {
        cpu: '128',
        memory: '512Gi',
        pods: '1000',
        accelerators: [{ resourceType: 'nvidia.com/gpu', available: '4', model: 'a100' }],
      },
      taints: [{ key: 'site', value: 'vega', effect: 'NoSchedule' }],
    });
  });

  it('treats absent or empty as "no ping yet / ping failed"', () => {
    expect(parsePingResponse(undefined)).toEqual({ kind: 'none' });
    expect(parsePingResponse(null)).toEqual({ kind: 'none' });
    expect(parsePingResponse('')).toEqual({ kind: 'none' });
    expect(parsePingResponse('  \n')).toEqual({ kind: 'none' });
  });

  it("reads the Slurm plugin's sinfo -s answer", () => {
    const answer = parsePingResponse(LAB_SINFO);
    expect(answer.kind).toBe('sinfo');
    if (answer.kind === 'sinfo')
      expect(answer.partitions.map((p) => [p.name, p.isDefault, p.availability])).toEqual([
        ['cpu', true, 'up'],
        ['gpu', false, 'up'],
      ]);
  });

  it('keeps malformed JSON and JSON that is not an object as text, not as an error', () => {
    for (const raw of ['{"status": "ok"', '{oops', '[1,2]', '"ok"', 'null', '42'])
      expect(parsePingResponse(raw)).toEqual({ kind: 'text', text: raw });
  });

  it('keeps any other answer as text', () => {
    for (const raw of ['pong', 'Slurm is fine\n', 'PARTITION\ncpu']) expect(parsePingResponse(raw)).toEqual({ kind: 'text', text: raw });
  });

  it('keeps a bare status without resources', () => {
    expect(parsePingResponse('{"status":"ok"}')).toEqual({ kind: 'json', status: 'ok', resources: null, taints: [] });
    expect(parsePingResponse(' \n{"status":"ok"}\n')).toMatchObject({ kind: 'json', status: 'ok' });
  });

  it('reads any sinfo -s text as its partitions', () => {
    fc.assert(
      fc.property(sinfoCase, ({ text, expected }) => {
        expect(parsePingResponse(text)).toEqual({ kind: 'sinfo', partitions: expected });
      }),
    );
  });

  it('never throws, and never calls a non-empty answer "none"', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ resources: v, taints: v })),
        ),
        (raw) => {
          const answer = parsePingResponse(raw);
          expect(answer.kind === 'none').toBe(raw.trim() === '');
          if (answer.kind === 'text') expect(answer.text).toBe(raw);
          if (answer.kind === 'sinfo') expect(answer.partitions).toEqual(parseSinfoSummary(raw));
        },
      ),
    );
  });
});

describe('withoutPingAnswer', () => {
  it('cuts the answer off a successful ping, keeping everything else whole', () => {
    expect(withoutPingAnswer('Ping successful with code 200. Response: PARTITION AVAIL\ncpu* up')).toEqual({
      head: 'Ping successful with code 200',
      answerOmitted: true,
    });
    expect(withoutPingAnswer('Ping successful with code 200')).toEqual({ head: 'Ping successful with code 200', answerOmitted: false });
    // A failure's response is the reason it failed: never cut.
    expect(withoutPingAnswer('Ping failed with code -1. Response: 503')).toEqual({
      head: 'Ping failed with code -1. Response: 503',
      answerOmitted: false,
    });
  });
});
