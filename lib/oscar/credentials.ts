import { TokenSignInSchema } from '@/lib/api/auth';
import { base64Decode } from '@/lib/interlink/model/base64';

// What an OSCAR client sends in `Authorization` (oscar-cli 1.12.2, pkg/cluster/cluster.go):
// HTTP Basic with the user and password given to `cluster add`, or `Bearer <token>` (an
// OIDC access token, or a service's token on /job and /run). In Offload the Basic password
// is a Kubernetes bearer token and the user name only a label: the API server says who the
// token belongs to. Pure.

export type OscarCredentials =
  | { kind: 'basic'; username: string; token: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string };

export function readAuthorization(header: string | null): OscarCredentials {
  if (header === null || header.trim() === '') return { kind: 'none' };
  const [scheme = '', value = ''] = header.trim().split(/[ \t]+/, 2);
  if (scheme.toLowerCase() === 'bearer') return tokenOf(value, (token) => ({ kind: 'bearer', token }));
  if (scheme.toLowerCase() !== 'basic')
    return { kind: 'invalid', reason: `The Authorization header must be Basic (user and Kubernetes token) or Bearer, not ${scheme}.` };
  const bytes = base64Decode(value);
  const text = bytes === null ? null : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const colon = text?.indexOf(':') ?? -1;
  if (text === null || text === undefined || colon < 0)
    return { kind: 'invalid', reason: 'The Basic credentials are not Base64 of "user:password".' };
  return tokenOf(text.slice(colon + 1), (token) => ({ kind: 'basic', username: text.slice(0, colon), token }));
}

/** The token must look like one (the same rule as token sign-in) before it is sent anywhere. */
function tokenOf(value: string, make: (token: string) => OscarCredentials): OscarCredentials {
  const parsed = TokenSignInSchema.shape.token.safeParse(value);
  if (parsed.success) return make(parsed.data);
  return {
    kind: 'invalid',
    reason: `The password must be a Kubernetes bearer token: it ${parsed.error.issues[0]?.message ?? 'is invalid'}.`,
  };
}
