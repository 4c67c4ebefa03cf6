import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Sealed cookies: a value is JSON, encrypted and authenticated with AES-256-GCM under a key
// derived (HKDF-SHA256) from the server's session secret and a purpose, so a session
// cookie can never be replayed as a login-state cookie. Any replica with the same secret
// can open any cookie: the session lives in the browser, not on a server.

const VERSION = 'v1';

function keyFor(secret: string, purpose: string): Buffer {
  if (secret.length < 32) throw new Error('The session secret must have at least 32 characters.');
  return Buffer.from(hkdfSync('sha256', secret, 'offload-session', purpose, 32));
}

export interface Sealed<T> {
  value: T;
  /** Milliseconds since the epoch after which the value is refused. */
  expiresAt: number;
}

export function seal<T>(secret: string, purpose: string, value: T, expiresAt: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const plain = Buffer.from(JSON.stringify({ value, expiresAt } satisfies Sealed<T>), 'utf8');
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The sealed value, or null when the cookie is malformed, forged, of another purpose or expired. */
export function unseal<T>(secret: string, purpose: string, sealed: string, now = Date.now()): T | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    const parsed = JSON.parse(plain.toString('utf8')) as Sealed<T>;
    return typeof parsed.expiresAt === 'number' && parsed.expiresAt > now ? parsed.value : null;
  } catch {
    return null;
  }
}
