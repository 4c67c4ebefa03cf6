import type { Metadata } from 'next';

import { SigninPanel } from '@/components/auth/signin-panel';
import { safeReturnTo } from '@/lib/auth/pkce';
import { authConfig } from '@/lib/auth/settings';
import { onLab } from '@/lib/lab-mode';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

// Signing in: single sign-on through the configured OpenID Connect provider, or a pasted
// Kubernetes token. Either way the API server authenticates the person, not Offload.
export default async function SigninPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const config = authConfig();
  const methods = config.mode === 'none' ? [] : config.methods;
  const issuer = config.mode === 'signin' && config.oidc !== null ? new URL(config.oidc.issuer).host : null;
  return (
    <SigninPanel
      methods={methods}
      issuer={issuer}
      returnTo={safeReturnTo(one(params.returnTo))}
      error={one(params.error)}
      expired={one(params.expired) === '1'}
      signedOut={one(params.signedOut) !== null || one(params.state) !== null}
      labNote={onLab() && methods.includes('oidc')}
    />
  );
}
