// Standard Base64 (RFC 4648, with padding) of UTF-8 text, without Node's Buffer so the same
// code runs in the browser preview and on the server. This is the alphabet `base64 -d`
// (coreutils and busybox) and Kubernetes' Secret `data` expect.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function base64Encode(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out.push(
      ALPHABET.charAt(n >> 18),
      ALPHABET.charAt((n >> 12) & 63),
      b === undefined ? '=' : ALPHABET.charAt((n >> 6) & 63),
      c === undefined ? '=' : ALPHABET.charAt(n & 63),
    );
  }
  return out.join('');
}

/** Base64 of a string's UTF-8 bytes. */
export function base64Utf8(text: string): string {
  return base64Encode(utf8Bytes(text));
}

/** Inverse of base64Encode; null for text that is not canonical padded Base64. */
export function base64Decode(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - pad);
  let j = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, ALPHABET.indexOf(text.charAt(i + k))), 0);
    for (const byte of [n >> 16, (n >> 8) & 255, n & 255]) if (j < bytes.length) bytes[j++] = byte;
  }
  return bytes;
}
