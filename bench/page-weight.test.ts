import { describe, expect, it } from 'vitest';

import { chunksOf } from './page-weight.ts';

describe('chunksOf', () => {
  it('takes script tags and the inline payload chunks, once each, but not nomodule polyfills', () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script src="/_next/static/chunks/poly.js" noModule=""></script>',
      '<script>self.__next_f.push([1,"5:I[123,[\\"/_next/static/chunks/b.js\\",\\"/_next/static/chunks/a.js\\"],\\"default\\"]"])</script>',
      '<link rel="stylesheet" href="/_next/static/chunks/c.css"/>',
    ].join('');
    expect(chunksOf(html)).toEqual(['/_next/static/chunks/a.js', '/_next/static/chunks/b.js']);
  });
});
