import 'server-only';

import { Agent, fetch } from 'undici';

import { Unauthorized, Unavailable } from '@/lib/errors';

import type { OidcSettings } from './config';

// Offload as an OpenID Connect client: discovery, the code exchange, refresh and
// revocation, against the configured provider (EGI Check-in, Keycloak, the lab's).

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  revocation_endpoint?: string;
}

export interface TokenAnswer {
  id_token?: string;
  refresh_token?: string;
}

const KEY = Symbol.for('offload.oidcDiscovery');
type WithDiscovery = typeof globalThis & { [KEY]?: { at: number; doc: Promise<Discovery> } };
const DISCOVERY_TTL_MS = 3_600_000;

function dispatcher(settings: OidcSettings): Agent | undefined {
  return settings.ca === null ? undefined : new Agent({ connect: { ca: settings.ca } });
}

async function call(settings: OidcSettings, url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      if (settings.clientSecret !== '') {
        const id = encodeURIComponent(settings.clientId);
        headers.authorization = `Basic ${Buffer.from(`${id}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`;
      } else {
        init.body.set('client_id', settings.clientId);
      }
    }
    const answer = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body?.toString(),
      dispatcher: dispatcher(settings),
      signal: AbortSignal.timeout(10_000),
    });
    return answer as unknown as Response;
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new Unavailable(`The sign-in provider at ${settings.issuer} is unreachable: ${cause}.`);
  }
}

export function discover(settings: OidcSettings): Promise<Discovery> {
  const g = globalThis as WithDiscovery;
  const cached = g[KEY];
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.doc;
  const doc = (async () => {
    const answer = await call(settings, `${settings.issuer}/.well-known/openid-configuration`);
    if (!answer.ok) throw new Unavailable(`The sign-in provider's discovery document answered HTTP ${answer.status}.`);
    return (await answer.json()) as Discovery;
  })();
  g[KEY] = { at: Date.now(), doc };
  doc.catch(() => {
    if (g[KEY]?.doc === doc) delete g[KEY];
  });
  return doc;
}

async function tokenRequest(settings: OidcSettings, body: URLSearchParams, what: string): Promise<TokenAnswer> {
  const { token_endpoint } = await discover(settings);
  const answer = await call(settings, token_endpoint, { method: 'POST', body });
  const parsed = (await answer.json().catch(() => ({}))) as TokenAnswer & { error?: string; error_description?: string };
  if (!answer.ok) {
    const detail = parsed.error_description ?? parsed.error ?? `HTTP ${answer.status}`;
    // 400/401 from the token endpoint: the code or refresh token is no good (expired, used).
    if (answer.status < 500) throw new Unauthorized(`The sign-in provider refused the ${what}: ${detail}.`);
    throw new Unavailable(`The sign-in provider failed the ${what}: ${detail}.`);
  }
  return parsed;
}

export function exchangeCode(settings: OidcSettings, p: { code: string; verifier: string; redirectUri: string }): Promise<TokenAnswer> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: p.code,
    code_verifier: p.verifier,
    redirect_uri: p.redirectUri,
  });
  return tokenRequest(settings, body, 'authorization code');
}

export function refresh(settings: OidcSettings, refreshToken: string): Promise<TokenAnswer> {
  return tokenRequest(settings, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), 'refresh token');
}

/** Best effort: a sign-out must succeed even when the provider cannot be reached. */
export async function revoke(settings: OidcSettings, refreshToken: string): Promise<void> {
  const { revocation_endpoint } = await discover(settings).catch(() => ({ revocation_endpoint: undefined }));
  if (revocation_endpoint === undefined) return;
  await call(settings, revocation_endpoint, {
    method: 'POST',
    body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }),
  }).catch(() => undefined);
}
