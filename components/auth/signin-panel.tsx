'use client';

import { useId, useState, type FormEvent } from 'react';

import { apiCall } from '@/lib/client/api-call';
import { buttonClass, inputClass, primaryButtonClass } from '@/components/services/field';

interface Props {
  methods: readonly ('oidc' | 'token')[];
  issuer: string | null;
  returnTo: string;
  error: string | null;
  expired: boolean;
  signedOut: boolean;
  /** The server runs against the lab (OFFLOAD_LAB=1): name its people and their passwords. */
  labNote: boolean;
}

export function SigninPanel({ methods, issuer, returnTo, error, expired, signedOut, labNote }: Props) {
  const oidc = methods.includes('oidc');
  return (
    <div className="mx-auto max-w-md space-y-5 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Offload</h1>
      {expired && (
        <p
          role="status"
          className={
            'rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 ' +
            'dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
          }
        >
          Your session has expired. Sign in again to go back to where you were.
        </p>
      )}
      {signedOut && !expired && (
        <p role="status" className="rounded border border-zinc-300 bg-white p-3 text-sm dark:border-zinc-700 dark:bg-zinc-950">
          You have signed out.
        </p>
      )}
      {error !== null && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      {methods.length === 0 && <p>Sign-in is turned off on this server: everyone acts as its own Kubernetes identity.</p>}
      {oidc && (
        <div className="space-y-2">
          <a
            className={`${primaryButtonClass} w-full justify-center py-2`}
            href={`/api/auth/login?${new URLSearchParams({ returnTo }).toString()}`}
          >
            Sign in with single sign-on
          </a>
          {issuer !== null && <p className="text-xs text-zinc-600 dark:text-zinc-400">Your identity provider: {issuer}</p>}
        </div>
      )}
      {labNote && <LabNote />}
      {methods.includes('token') && <TokenForm returnTo={returnTo} collapsed={oidc} />}
    </div>
  );
}

function LabNote() {
  return (
    <div
      className="space-y-1 rounded border border-zinc-300 bg-white p-3 text-sm dark:border-zinc-700 dark:bg-zinc-950"
      data-testid="lab-note"
    >
      <p>
        <span className="font-medium">On the lab:</span> sign in as <code>admin</code>, <code>alice</code> or <code>bob</code>; each
        password is in the checkout&apos;s <code>.lab/users/&lt;name&gt;.password</code> (e.g. <code>cat .lab/users/alice.password</code>).
      </p>
      <p>
        If the browser warns about the sign-in page&apos;s certificate, run <code>npm run lab -- trust</code> and restart the browser.
      </p>
    </div>
  );
}

function TokenForm({ returnTo, collapsed }: { returnTo: string; collapsed: boolean }) {
  const id = useId();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The route's own schema, loaded when needed: zod stays out of the page's first load.
    const { TokenSignInSchema } = await import('@/lib/api/auth');
    const parsed = TokenSignInSchema.safeParse({ token });
    if (!parsed.success) return setProblem(`The token ${parsed.error.issues[0]?.message ?? 'is invalid'}.`);
    setBusy(true);
    setProblem(null);
    try {
      await apiCall<unknown>('/api/auth/token', { method: 'POST', json: parsed.data, session: 'none' });
      // A full navigation: the page starts afresh as the signed-in person.
      window.location.assign(returnTo);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  const form = (
    <form onSubmit={(e) => void submit(e)} className="space-y-2" noValidate>
      <label htmlFor={`${id}-token`} className="block text-sm font-medium">
        Kubernetes bearer token
      </label>
      <input
        id={`${id}-token`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass} font-mono`}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint${problem !== null ? ` ${id}-error` : ''}`}
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        For clusters without single sign-on, e.g. from <code>kubectl create token</code>. The API server checks it first; it is kept only in
        an encrypted, httpOnly cookie.
      </p>
      {problem !== null && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      <button type="submit" className={collapsed ? buttonClass : primaryButtonClass} disabled={busy}>
        {busy ? 'Checking…' : 'Sign in with the token'}
      </button>
    </form>
  );
  if (!collapsed) return form;
  return (
    <details className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-medium">Sign in with a Kubernetes token instead</summary>
      <div className="pt-3">{form}</div>
    </details>
  );
}
