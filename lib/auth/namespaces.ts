import 'server-only';

import { namespaceOfUser } from '@/lib/interlink/model/k8s-names';
import { isAllowed, tokenKey, type Identity } from '@/lib/k8s/access';
import { TtlCache } from '@/lib/k8s/ttl-cache';
import { userInfoOf } from '@/lib/k8s/whoami';

import { getLive } from '@/lib/live/live';

// The namespaces a person works in, for people who may not list across the cluster (most
// researchers): a Kubernetes UI that only offers "all namespaces" gives them a 403 page.
// Candidates are the namespace named after them (the convention of OSCAR and of the lab),
// a service account's own namespace, and every namespace that holds offloaded jobs; the API server's RBAC keeps those where
// they may list the resource in question.

const KEY = Symbol.for('offload.usernames');
type WithNames = typeof globalThis & { [KEY]?: TtlCache<string> };
const usernames = () => ((globalThis as WithNames)[KEY] ??= new TtlCache<string>(60_000));

async function usernameCached(identity: Identity): Promise<string> {
  if (identity.kind === 'server') return '';
  return usernames().getOrCompute(tokenKey(identity.token), async () => (await userInfoOf(identity)).username);
}

export interface NamespaceScope {
  /** True when the person may list the resource in every namespace. */
  all: boolean;
  /** Where they may list it otherwise, sorted; their own namespace first when they have one. */
  namespaces: string[];
}

export async function namespacesFor(identity: Identity, resource: { resource: string; group?: string }): Promise<NamespaceScope> {
  if (await isAllowed(identity, { verb: 'list', ...resource })) return { all: true, namespaces: [] };
  const username = await usernameCached(identity);
  const own = namespaceOfUser(username);
  const seen = new Set<string>();
  for (const row of getLive().jobs.index.list()) seen.add(row.namespace);
  const candidates = [...new Set([own, ...[...seen].sort()])].filter((ns) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(ns));
  const allowed = await Promise.all(candidates.map((namespace) => isAllowed(identity, { verb: 'list', ...resource, namespace })));
  return { all: false, namespaces: candidates.filter((_, i) => allowed[i]) };
}
