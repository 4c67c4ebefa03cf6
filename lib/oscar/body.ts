import 'server-only';

import { readBytes, refuseDeclaredTooLarge } from '@/lib/http/body';

import { OscarError } from './respond';

/** The request body, refused with 413 past `maxBytes` instead of being read whole into memory. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  refuseDeclaredTooLarge(request, maxBytes);
  return readBytes(request, maxBytes, () => new OscarError(413, `The request body is larger than ${maxBytes} bytes.`));
}

/** The body as JSON; anything else is OSCAR's 400 for a service it cannot bind. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const text = new TextDecoder().decode(await readBody(request, maxBytes));
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new OscarError(
      400,
      `The service specification is not valid: the body is not JSON (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
}
