// How people sign in, from the server's environment (README "Configuration"). Pure: the
// environment and file reader are passed in, so every combination is unit-tested.

export type AuthMethod = 'oidc' | 'token';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  /** PEM of extra CAs for the provider's TLS (a site or lab CA), or null for the system's. */
  ca: string | null;
}

export type AuthConfig =
  | { mode: 'none' }
  | {
      mode: 'signin';
      methods: readonly AuthMethod[];
      oidc: OidcSettings | null;
      /** Seals session cookies; every replica needs the same one. */
      sessionSecret: string;
      /** False when the secret was generated for this process only (sessions end on restart). */
      sessionSecretConfigured: boolean;
      /** How long a session lasts at most, whatever its tokens say. */
      sessionMaxAgeMs: number;
      /** The site's own origin when set (behind a proxy); otherwise each request's own. */
      publicUrl: string | null;
    };

type Env = Readonly<Record<string, string | undefined>>;

/** Thrown for a configuration the server must not start with; the message says what to set. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

const DEFAULT_SCOPES = 'openid profile email groups offline_access';

function value(env: Env, name: string, readFile: (path: string) => string): string | undefined {
  const direct = env[name]?.trim();
  if (direct) return direct;
  const file = env[`${name}_FILE`]?.trim();
  return file ? readFile(file).trim() : undefined;
}

export function authConfigFrom(env: Env, readFile: (path: string) => string, randomSecret: () => string): AuthConfig {
  const v = (name: string) => value(env, name, readFile);
  const mode = (env.OFFLOAD_AUTH ?? '').trim().toLowerCase();
  if (mode === 'none') return { mode: 'none' };

  const issuer = v('OFFLOAD_OIDC_ISSUER_URL');
  let oidc: OidcSettings | null = null;
  if (issuer) {
    const clientId = v('OFFLOAD_OIDC_CLIENT_ID');
    if (!clientId) throw new AuthConfigError('OFFLOAD_OIDC_ISSUER_URL is set, so OFFLOAD_OIDC_CLIENT_ID must be set too.');
    if (!/^https:\/\//.test(issuer)) throw new AuthConfigError(`OFFLOAD_OIDC_ISSUER_URL must be an https URL, not "${issuer}".`);
    const caFile = env.OFFLOAD_OIDC_CA_FILE?.trim();
    oidc = {
      issuer: issuer.replace(/\/+$/, ''),
      clientId,
      clientSecret: v('OFFLOAD_OIDC_CLIENT_SECRET') ?? '',
      scopes: v('OFFLOAD_OIDC_SCOPES') ?? DEFAULT_SCOPES,
      usernameClaim: v('OFFLOAD_OIDC_USERNAME_CLAIM') ?? 'preferred_username',
      groupsClaim: v('OFFLOAD_OIDC_GROUPS_CLAIM') ?? 'groups',
      ca: caFile ? readFile(caFile) : null,
    };
  }

  const methods = parseMethods(mode, oidc !== null);
  const configured = v('OFFLOAD_SESSION_SECRET');
  if (configured !== undefined && configured.length < 32)
    throw new AuthConfigError('OFFLOAD_SESSION_SECRET must have at least 32 characters.');
  const hours = Number(env.OFFLOAD_SESSION_MAX_AGE_HOURS ?? '12');
  if (!Number.isFinite(hours) || hours <= 0) throw new AuthConfigError('OFFLOAD_SESSION_MAX_AGE_HOURS must be a positive number of hours.');
  const publicUrl = env.OFFLOAD_PUBLIC_URL?.trim() || null;
  if (publicUrl !== null && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) {
    throw new AuthConfigError(`OFFLOAD_PUBLIC_URL must be the site's origin, like https://offload.example.org, not "${publicUrl}".`);
  }
  return {
    mode: 'signin',
    methods,
    oidc,
    sessionSecret: configured ?? randomSecret(),
    sessionSecretConfigured: configured !== undefined,
    sessionMaxAgeMs: hours * 3_600_000,
    publicUrl: publicUrl === null ? null : new URL(publicUrl).origin,
  };
}

/** OFFLOAD_AUTH: empty (OIDC when configured, and token), or a comma list of oidc and token. */
function parseMethods(mode: string, hasOidc: boolean): AuthMethod[] {
  if (mode === '') return hasOidc ? ['oidc', 'token'] : ['token'];
  const methods = mode.split(',').map((m) => m.trim());
  for (const m of methods) {
    if (m !== 'oidc' && m !== 'token')
      throw new AuthConfigError(`OFFLOAD_AUTH may be "none", or a list of "oidc" and "token"; "${m}" is not one of them.`);
  }
  if (methods.includes('oidc') && !hasOidc)
    throw new AuthConfigError('OFFLOAD_AUTH includes oidc, but OFFLOAD_OIDC_ISSUER_URL is not set.');
  return [...new Set(methods)] as AuthMethod[];
}
