// Reading JWT claims. Offload does not need to verify signatures itself: the API server
// verifies every token on every request, and an ID token comes straight from the
// provider's token endpoint over TLS with client authentication (OpenID Connect Core
// 3.1.3.7 allows TLS validation in place of the signature then). Offload checks the claims
// that bind the token to this sign-in: issuer, audience, nonce and expiry.

export type Claims = Record<string, unknown>;

/** The payload of a JWT, or null when `token` is not one (an opaque token). */
export function claimsOf(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Claims) : null;
  } catch {
    return null;
  }
}

/** `exp` in milliseconds since the epoch, when the token says. */
export function expiryOf(claims: Claims | null): number | null {
  const exp = claims?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

export function stringClaim(claims: Claims, name: string): string | null {
  const v = claims[name];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function listClaim(claims: Claims, name: string): string[] {
  const v = claims[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  /** Only on the first sign-in; a refreshed ID token may omit it. */
  nonce: string | null;
  now: number;
}

/** The ID token's claims, or an Error saying which check failed. */
export function checkIdToken(idToken: string, want: IdTokenExpectations): Claims | Error {
  const claims = claimsOf(idToken);
  if (claims === null) return new Error('The provider returned an ID token that is not a JWT.');
  if (claims.iss !== want.issuer) return new Error(`The ID token was issued by ${String(claims.iss)}, not by ${want.issuer}.`);
  const aud = listClaim(claims, 'aud');
  if (!aud.includes(want.clientId)) return new Error(`The ID token is not meant for client ${want.clientId}.`);
  if (want.nonce !== null && claims.nonce !== want.nonce)
    return new Error('The ID token does not belong to this sign-in (nonce mismatch).');
  const exp = expiryOf(claims);
  if (exp === null || exp <= want.now) return new Error('The ID token has already expired; check the clocks of Offload and the provider.');
  return claims;
}
