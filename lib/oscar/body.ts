import 'server-only';

import { refuseDeclaredTooLarge } from '@/lib/http/body';

import { OscarError } from './respond';

/** The request body, refused with 413 past `maxBytes` instead of being read whole into memory. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  refuseDeclaredTooLarge(request, maxBytes);
  const reader = request.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new OscarError(413, `The request body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The body as JSON; anything else is OSCAR's 400 for a service it cannot bind. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const text = new TextDecoder().decode(await readBody(request, maxBytes));
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new OscarError(400, `The service specification is not valid: the body is not JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
}
