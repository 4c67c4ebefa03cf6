import 'server-only';

import { chargeRequest } from '@/lib/http/admission';
import { authConfig } from '@/lib/auth/settings';
import { verifiedUser } from '@/lib/auth/signin';
import { dnsLabelError, namespaceOfUser } from '@/lib/interlink/model/k8s-names';
import type { Identity } from '@/lib/k8s/access';
import { Invalid, Unauthorized } from '@/lib/errors';
import { SERVER_OWNER } from '@/lib/k8s/whoami';
import { log } from '@/lib/observability/log';

import { readAuthorization } from './credentials';
import { openServiceToken } from './service-token';

// Who an OSCAR request acts as, and in which namespace. Exactly as Offload's own API: a
// Kubernetes bearer token (oscar-cli's Basic password, or a Bearer header), checked by the
// API server itself (SelfSubjectReview, as token sign-in does) before anything else; every
// cluster request afterwards is made with it, so the API server's RBAC decides. No session
// cookie is read here, so no other site can make a browser act through this API. Without
// credentials: 401, unless sign-in is off (OFFLOAD_AUTH=none), as in Offload's own API.

export interface OscarCaller {
  identity: Identity;
  /** The Kubernetes user name (a job's owner label). */
  username: string;
  /** From the base path, else the caller's own (lib/interlink/model/k8s-names.ts namespaceOfUser). */
  namespace: string;
}

const HOW =
  'sign in as oscar-cli does, "oscar-cli cluster add <id> <endpoint> <user> ' +
  '--password-stdin", with your Kubernetes token as the password (docs/oscar.md)';

/**
 * `pathNamespace` from `/oscar/namespaces/{ns}`, or null. `service`: the endpoint is /job or
 * /run of that service, which also accept the service's token (lib/oscar/service-token.ts).
 */
export async function oscarCaller(request: Request, pathNamespace: string | null, service?: string): Promise<OscarCaller> {
  const credentials = readAuthorization(request.headers.get('authorization'));
  if (credentials.kind === 'invalid') throw new Unauthorized(credentials.reason);
  const config = authConfig();
  if (credentials.kind === 'none') {
    if (config.mode === 'none')
      return { identity: { kind: 'server' }, username: SERVER_OWNER, namespace: namespaceFor(pathNamespace, SERVER_OWNER) };
    throw new Unauthorized(`No credentials: ${HOW}.`);
  }
  if (credentials.kind === 'bearer' && service !== undefined && config.mode === 'signin') {
    const sealed = openServiceToken(config.sessionSecret, credentials.token);
    if (sealed !== null) {
      const namespace = namespaceFor(pathNamespace, sealed.username);
      if (sealed.namespace !== namespace || sealed.service !== service)
        throw new Unauthorized(`This token is for service ${sealed.service} in namespace ${sealed.namespace}.`);
      chargeRequest(sealed.token);
      return { identity: { kind: 'bearer', token: sealed.token }, username: sealed.username, namespace };
    }
  }
  const identity: Identity = { kind: 'bearer', token: credentials.token };
  // The same costs as Offload's own API: a reviewed token (kept briefly, new ones rate-limited)
  // and the per-token request rate (lib/http/admission.ts).
  chargeRequest(credentials.token);
  const { username } = await verifiedUser(
    credentials.token,
    `The Kubernetes API server does not accept this token (expired, revoked or not a token); ${HOW}`,
  );
  if (credentials.kind === 'basic' && credentials.username !== username)
    log.debug('oscar: basic user name differs', { claimedUser: credentials.username, user: username });
  return { identity, username, namespace: namespaceFor(pathNamespace, username) };
}

function namespaceFor(pathNamespace: string | null, username: string): string {
  if (pathNamespace !== null) {
    const problem = dnsLabelError(pathNamespace);
    if (problem !== null) throw new Invalid(`namespace: ${problem}.`, 'namespace');
    return pathNamespace;
  }
  const own = namespaceOfUser(username);
  if (dnsLabelError(own) !== null) {
    throw new Invalid(
      `Your Kubernetes user name ${username} names no namespace; use the base path /oscar/namespaces/<namespace>.`,
      'namespace',
    );
  }
  return own;
}
