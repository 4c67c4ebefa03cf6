import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parsePingResponse } from './ping';

describe('parsePingResponse', () => {
  it('reads the plugin answer', () => {
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
      kind: 'ok',
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

  it('returns a parse error value for malformed JSON', () => {
    const answer = parsePingResponse('{"status": "ok"');
    expect(answer.kind).toBe('invalid');
    if (answer.kind === 'invalid') expect(answer.error).toMatch(/^not valid JSON/);
  });

  it('rejects JSON that is not an object', () => {
    expect(parsePingResponse('[1,2]')).toEqual({ kind: 'invalid', error: 'expected a JSON object' });
    expect(parsePingResponse('"ok"')).toEqual({ kind: 'invalid', error: 'expected a JSON object' });
    expect(parsePingResponse('null')).toEqual({ kind: 'invalid', error: 'expected a JSON object' });
  });

  it('keeps a bare status without resources', () => {
    expect(parsePingResponse('{"status":"ok"}')).toEqual({ kind: 'ok', status: 'ok', resources: null, taints: [] });
  });

  it('never throws, whatever the annotation holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ resources: v, taints: v }))), (raw) => {
        const answer = parsePingResponse(raw);
        expect(['none', 'invalid', 'ok']).toContain(answer.kind);
      }),
    );
  });
});
