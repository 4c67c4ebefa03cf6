'use client';

import { useEffect, useState } from 'react';

import { CSRF_HEADER } from '@/lib/api/headers';
import { apiCall } from '@/lib/client/api-call';
import { renewSession } from '@/lib/client/session';
import { useSession } from '@/lib/client/use-session';

/** Renew the ID token a minute before it expires, so live pages never see a 401. */
const RENEW_BEFORE_MS = 60_000;

export function UserMenu() {
  const { data: session } = useSession();
  const [leaving, setLeaving] = useState(false);
  const expiresAt = session?.authenticated ? session.expiresAt : null;
  const canRefresh = session?.authenticated === true && session.canRefresh;

  useEffect(() => {
    if (expiresAt === null || !canRefresh) return;
    const wait = Math.max(0, Date.parse(expiresAt) - Date.now() - RENEW_BEFORE_MS);
    // Timers beyond 2^31 ms fire at once; a session is never that long.
    const timer = setTimeout(() => void renewSession(), Math.min(wait, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [expiresAt, canRefresh]);

  if (session === undefined || !session.authenticated || session.method === 'none') return null;

  async function signOut() {
    if (!session?.authenticated) return;
    setLeaving(true);
    // Nothing of this person stays in the tab: drafts and imported forms go too.
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('offload.')) sessionStorage.removeItem(key);
    const body = await apiCall<{ endSessionUrl?: unknown }>('/api/auth/logout', {
      method: 'POST',
      headers: { [CSRF_HEADER]: session.csrfToken },
      session: 'none',
    }).catch(() => null);
    window.location.assign(typeof body?.endSessionUrl === 'string' ? body.endSessionUrl : '/signin?signedOut=1');
  }

  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span title={session.groups.length > 0 ? `Groups: ${session.groups.join(', ')}` : undefined}>
        Signed in as <strong data-testid="signed-in-user">{session.username}</strong>
      </span>
      <button
        type="button"
        onClick={() => void signOut()}
        disabled={leaving}
        className={
          'rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100 focus-visible:outline-2 ' +
          'focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60 ' +
          'dark:border-zinc-600 dark:hover:bg-zinc-800'
        }
      >
        {leaving ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
