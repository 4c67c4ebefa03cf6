import { describe, expect, it } from 'vitest';

import { encodeSse, sseComment } from './sse';

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
