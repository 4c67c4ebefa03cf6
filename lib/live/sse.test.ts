import { describe, expect, it } from 'vitest';

import { encodeSse, encodeSseJson, sseComment } from './sse';

describe('encodeSse', () => {
  it('writes id, event and one line of JSON data, ended by a blank line', () => {
    expect(encodeSse({ id: 7, event: 'status', data: { a: 'x\ny' } })).toBe('id: 7\nevent: status\ndata: {"a":"x\\ny"}\n\n');
  });

  it('leaves out the default event name and a missing id', () => {
    expect(encodeSse({ event: 'message', data: 1 })).toBe('data: 1\n\n');
  });
});

describe('sseComment', () => {
  it('cannot be broken by newlines', () => {
    expect(sseComment('a\nb')).toBe(': a b\n\n');
  });
});

describe('encodeSseJson', () => {
  it('frames JSON written elsewhere exactly as encodeSse frames the value', () => {
    const data = { kind: 'job', items: [{ a: 'x\ny', b: null }] };
    expect(encodeSseJson(3, JSON.stringify(data))).toBe(encodeSse({ id: 3, data }));
    expect(encodeSseJson(undefined, '{}')).toBe(encodeSse({ data: {} }));
  });
});
