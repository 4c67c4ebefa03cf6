import 'server-only';

import { Invalid, TooLarge } from '@/lib/errors';

import { KIB, MIB } from './limits';

// Request bodies are read only up to a limit (lib/http/limits.ts): a declared length over it
// is refused before a byte is read, and a body without one (chunked) is cut off as soon as
// it passes the limit, so no request can make the server hold more than that.

const sizeText = (bytes: number) =>
  bytes % MIB === 0 ? `${bytes / MIB} MiB` : bytes % KIB === 0 ? `${bytes / KIB} KiB` : `${bytes} bytes`;

const tooLarge = (maxBytes: number) =>
  new TooLarge(`The request body is larger than this endpoint accepts (at most ${sizeText(maxBytes)}).`);

/** Refuses (413) a body whose Content-Length is over `maxBytes`, without reading it. */
export function refuseDeclaredTooLarge(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The request's JSON body, at most `maxBytes` of it (413 otherwise); a body that is not JSON
 * is a 422, not a 500. Empty reads as `{}`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  refuseDeclaredTooLarge(request, maxBytes);
  const text = Buffer.from(await readBytes(request, maxBytes)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Invalid('The request body is not valid JSON.');
  }
}

/** The body's bytes, cut off with `refuse()` (413 unless told) as soon as it passes `maxBytes`. */
export async function readBytes(request: Request, maxBytes: number, refuse: () => Error = () => tooLarge(maxBytes)): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw refuse();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
