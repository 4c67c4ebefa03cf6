import { describe, expect, it } from 'vitest';

import { inputOf } from './event';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('inputOf', () => {
  it('decodes what oscar-cli sends (the file, Base64), whatever the file holds', () => {
    const file = new Uint8Array([0, 255, 10, 13, 34, 92]);
    expect(inputOf(bytes(Buffer.from(file).toString('base64')))).toEqual(file);
    expect(text(inputOf(bytes(`${Buffer.from('a file\n').toString('base64')}\n`)))).toBe('a file\n');
  });

  it('takes a body that is not Base64 as the input itself', () => {
    expect(text(inputOf(bytes('{"plain": "json"}')))).toBe('{"plain": "json"}');
    expect(text(inputOf(bytes('')))).toBe('');
  });
});
