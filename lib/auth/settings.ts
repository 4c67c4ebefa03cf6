import 'server-only';

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { log } from '@/lib/observability/log';

import { authConfigFrom, type AuthConfig } from './config';

// The server's sign-in settings, read once per process. Kept on globalThis: Next bundles
// this module into every route separately, and a session secret generated per bundle would
// make one route refuse another's cookie.

const KEY = Symbol.for('offload.authConfig');
type WithConfig = typeof globalThis & { [KEY]?: AuthConfig };

export function authConfig(): AuthConfig {
  const g = globalThis as WithConfig;
  if (g[KEY] === undefined) {
    const config = authConfigFrom(
      process.env,
      (p) => readFileSync(p, 'utf8'),
      () => randomBytes(32).toString('base64url'),
    );
    if (config.mode === 'none') {
      log.warn("sign-in is off (OFFLOAD_AUTH=none): every visitor acts as the server's own Kubernetes identity");
    } else if (!config.sessionSecretConfigured) {
      log.warn(
        'OFFLOAD_SESSION_SECRET is not set: sessions are sealed with a key made for this process, ' +
          'so they end when it restarts and other replicas refuse them',
      );
    }
    g[KEY] = config;
  }
  return g[KEY];
}

export type SigninConfig = Extract<AuthConfig, { mode: 'signin' }>;

/**
 * The site's origin as the browser sees it: the configured public URL, else the Host the
 * browser sent (Next's request.url names its own bind address, not what the browser used),
 * with the scheme a TLS-terminating proxy reports.
 */
export function siteOrigin(config: Pick<SigninConfig, 'publicUrl'>, request: Request): string {
  if (config.publicUrl !== null) return config.publicUrl;
  const url = new URL(request.url);
  const host = request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.replace(/:$/, '');
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/** Secure cookies everywhere except plain http on this machine (development and tests). */
export function secureCookies(config: SigninConfig, request: Request): boolean {
  const site = new URL(siteOrigin(config, request));
  return site.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(site.hostname);
}
