import { describe, expect, it } from 'vitest';

import { base64Decode, base64Encode, base64Utf8 } from './base64';
import { ceilMilli, ceilValue, parseQuantity, quantityError } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['0.2', 200n, 1n],
    ['3.0', 3000n, 3n],
    ['500m', 500n, 1n],
    ['1', 1000n, 1n],
    ['1e3', 1_000_000n, 1000n],
    ['1.5k', 1_500_000n, 1500n],
    ['4Gi', 4n * 2n ** 30n * 1000n, 4n * 2n ** 30n],
    ['256Mi', 256n * 2n ** 20n * 1000n, 256n * 2n ** 20n],
    ['100n', 1n, 1n],
    ['.5', 500n, 1n],
  ])('%s → milli %s, value %s (rounded up, exactly)', (text, milli, value) => {
    const q = parseQuantity(text);
    expect(q).not.toBeNull();
    if (q === null) return;
    expect(ceilMilli(q)).toBe(milli);
    expect(ceilValue(q)).toBe(value);
  });

  it.each(['', '-1', '1.2.3', '4GB', '4 Gi', 'abc', '1e999', '0x10'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
    expect(quantityError(text, '256Mi')).toMatch(/is not a Kubernetes quantity; use a number with an optional unit \(e\.g\. 256Mi\)/);
  });
});

describe('base64', () => {
  it('encodes UTF-8 like coreutils base64', () => {
    expect(base64Utf8('')).toBe('');
    expect(base64Utf8('x\n')).toBe('eAo=');
    expect(base64Utf8('é😀')).toBe(Buffer.from('é😀', 'utf8').toString('base64'));
  });

  it('decodes what it encodes, and refuses what is not canonical Base64', () => {
    for (const n of [0, 1, 2, 3, 4, 255]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);
      expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    }
    expect(base64Decode('abc')).toBeNull();
    expect(base64Decode('a b=')).toBeNull();
  });
});
