import { expiryOf, claimsOf } from '@/lib/auth/jwt';
import { seal, unseal } from '@/lib/auth/seal';

// The `token` of a service in OSCAR's answer. OSCAR makes one random token per service, kept
// forever, which anyone holding it may use to run the service (oscar-cli 1.12.2's `service
// job` reads it from GET /system/services/{name} and sends it as a bearer to /job). Offload
// must not hand out a credential that outlives or exceeds the caller's own, so its token is
// the caller's own Kubernetes token sealed (AES-256-GCM, lib/auth/seal.ts) under the server's
// session secret with the service it is for: it opens only on this server, only for /job and
// /run of that service in that namespace, acts as the caller (the API server checks the inner
// token again on every use), and expires after TOKEN_TTL_MS or with the inner token, whichever
// is first.

const PURPOSE = 'oscar-service-token';
export const TOKEN_TTL_MS = 15 * 60_000;

export interface ServiceTokenScope {
  namespace: string;
  service: string;
}

export interface ServiceTokenContent extends ServiceTokenScope {
  /** The caller's Kubernetes token and user name. */
  token: string;
  username: string;
}

export function serviceToken(
  secret: string,
  caller: { token: string; username: string },
  scope: ServiceTokenScope,
  now = Date.now(),
): string {
  const innerExpiry = expiryOf(claimsOf(caller.token));
  const expiresAt = Math.min(now + TOKEN_TTL_MS, innerExpiry ?? Number.POSITIVE_INFINITY);
  return seal<ServiceTokenContent>(secret, PURPOSE, { ...caller, ...scope }, expiresAt);
}

/** What a service token holds, or null when it is not one (forged, of another purpose) or has expired. */
export function openServiceToken(secret: string, sealed: string, now = Date.now()): ServiceTokenContent | null {
  return unseal<ServiceTokenContent>(secret, PURPOSE, sealed, now);
}
