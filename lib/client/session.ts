import type { SessionInfo } from '@/lib/api/auth';
import { CSRF_HEADER } from '@/lib/api/headers';

// The browser's side of the session. Every API call goes through apiFetch: it echoes the
// CSRF token on state-changing requests, and on 401 renews the sign-in once (refresh
// token) and repeats the call, so an expired ID token costs the user nothing. When the
// sign-in cannot be renewed it saves what pages registered (drafts) and goes to the
// sign-in page, which brings the user back to the same address afterwards.

const SAFE = new Set(['GET', 'HEAD']);

let session: Promise<SessionInfo> | null = null;
let renewal: Promise<boolean> | null = null;
const beforeSignIn = new Set<() => void>();

export function loadSession(force = false): Promise<SessionInfo> {
  if (session === null || force) {
    const next = fetch('/api/auth/session', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      // The server's own typed answer (SessionInfoSchema); no zod in every page's first load.
      .then(async (r) => {
        if (!r.ok) throw new Error(`The session could not be read (HTTP ${r.status}).`);
        return (await r.json()) as SessionInfo;
      });
    next.catch(() => {
      if (session === next) session = null;
    });
    session = next;
  }
  return session;
}

async function csrfToken(): Promise<string> {
  const info = await loadSession();
  return info.authenticated ? info.csrfToken : '';
}

/** Renews the session's ID token once for all callers; false when it cannot be renewed. */
export function renewSession(): Promise<boolean> {
  renewal ??= (async () => {
    try {
      const r = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { Accept: 'application/json', [CSRF_HEADER]: await csrfToken() },
      });
      await loadSession(true);
      return r.ok;
    } catch {
      return false;
    } finally {
      setTimeout(() => (renewal = null), 1_000);
    }
  })();
  return renewal;
}

/** Registers something to keep (e.g. in sessionStorage) before leaving for the sign-in page. */
export function onBeforeSignIn(save: () => void): () => void {
  beforeSignIn.add(save);
  return () => beforeSignIn.delete(save);
}

export function signInUrl(returnTo: string, expired: boolean): string {
  return `/signin?${new URLSearchParams({ returnTo, ...(expired && { expired: '1' }) }).toString()}`;
}

let leaving = false;
export function goToSignIn(expired = true): void {
  if (leaving || window.location.pathname === '/signin') return;
  leaving = true;
  for (const save of beforeSignIn) save();
  window.location.assign(signInUrl(`${window.location.pathname}${window.location.search}`, expired));
}

export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const send = async () => {
    const headers = new Headers(init.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    if (!SAFE.has(method)) headers.set(CSRF_HEADER, await csrfToken());
    return fetch(url, { ...init, headers });
  };
  let response = await send();
  if (response.status === 403 && !SAFE.has(method)) {
    // A new sign-in in another tab changes the CSRF token: learn it and try once more.
    const before = await csrfToken();
    if ((await loadSession(true).then((s) => (s.authenticated ? s.csrfToken : ''))) !== before) response = await send();
  }
  if (response.status !== 401) return response;
  if (await renewSession()) {
    response = await send();
    if (response.status !== 401) return response;
  }
  goToSignIn();
  return response;
}

/** After a live stream was refused: renew the sign-in, or go to the sign-in page. */
export async function recoverSession(): Promise<void> {
  const info = await loadSession(true).catch(() => null);
  if (info === null) return;
  if (!info.authenticated) return goToSignIn(info.expired);
  const expired = info.expiresAt !== null && Date.parse(info.expiresAt) - 10_000 <= Date.now();
  if (expired && !(await renewSession())) goToSignIn();
}
