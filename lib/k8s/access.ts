import 'server-only';

import { createHash } from 'node:crypto';

import { getCache } from './cache';
import { userConnection, type Connection } from './config';
import { Forbidden, Unauthorized, Unavailable, isKubeError } from '@/lib/errors';
import { requestJson } from './http';
import { TtlCache } from './ttl-cache';

// Who a request acts as, and whether that identity may read what the shared cache holds.
// The cache itself reads as the server; before serving from it on behalf of a bearer
// token, the token is checked by the API server itself: a SelfSubjectAccessReview created
// *with that token* fails with 401 for an invalid token and answers allowed/denied for a
// valid one. Answers are remembered briefly per token hash and question, so a page with
// live updates costs a handful of reviews per minute, not one per request.

/** `user`: the name the API server gave the token's holder, once known (the session's, or a review's). */
export type Identity = { kind: 'server' } | { kind: 'bearer'; token: string; user?: string };

export interface Access {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';
  resource: string;
  group?: string;
  subresource?: string;
  /** Omitted: all namespaces (cluster-wide). */
  namespace?: string;
}

export const LIST_NODES: Access = { verb: 'list', resource: 'nodes' };
export const LIST_ALL_PODS: Access = { verb: 'list', resource: 'pods' };
export const LIST_ALL_JOBS: Access = { verb: 'list', resource: 'jobs', group: 'batch' };

type Verdict = { allowed: true } | { allowed: false; reason: string | null };

const TTL_MS = 30_000;
const KEY = Symbol.for('offload.accessReviews');
type WithReviews = typeof globalThis & { [KEY]?: TtlCache<Verdict> };

function reviews(): TtlCache<Verdict> {
  const g = globalThis as WithReviews;
  return (g[KEY] ??= new TtlCache<Verdict>(TTL_MS));
}

/** Throws Unauthorized for a rejected token, Forbidden when RBAC refuses; returns otherwise. */
export async function authorize(identity: Identity, access: Access): Promise<void> {
  const verdict = await review(identity, access);
  if (!verdict.allowed) {
    const reason = verdict.reason ? ` (${verdict.reason})` : '';
    throw new Forbidden(`You may not ${describe(access)}${reason}.`);
  }
}

/** Whether the identity may do it; still throws Unauthorized for a rejected token. */
export async function isAllowed(identity: Identity, access: Access): Promise<boolean> {
  return (await review(identity, access)).allowed;
}

export function describe(access: Access): string {
  const what = `${access.resource}${access.subresource ? `/${access.subresource}` : ''}${access.group ? `.${access.group}` : ''}`;
  const where = access.namespace ? `in namespace ${access.namespace}` : access.resource === 'nodes' ? '' : 'in all namespaces';
  return `${access.verb} ${what}${where ? ` ${where}` : ''}`;
}

/** A cache key for a token: its hash, so caches never hold the token itself. */
export const tokenKey = (token: string): string => createHash('sha256').update(token).digest('hex');

async function review(identity: Identity, access: Access): Promise<Verdict> {
  if (identity.kind === 'server') return { allowed: true };
  const tokenHash = tokenKey(identity.token);
  const key = `${tokenHash} ${access.verb} ${access.group ?? ''} ${access.resource} ${access.subresource ?? ''} ${access.namespace ?? '*'}`;
  return reviews().getOrCompute(key, () => askApiServer(identity.token, access));
}

interface ReviewAnswer {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

async function askApiServer(token: string, access: Access): Promise<Verdict> {
  const server = getCache().connection;
  if (server === null) throw new Unavailable('No cluster is configured, so the token cannot be checked.');
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: access.verb,
        resource: access.resource,
        subresource: access.subresource ?? '',
        group: access.group ?? '',
        namespace: access.namespace ?? '',
      },
    },
  };
  try {
    const answer = await requestJson<ReviewAnswer>(
      userConnection(server, token),
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      { method: 'POST', body },
    );
    return answer.status?.allowed === true ? { allowed: true } : { allowed: false, reason: answer.status?.reason || null };
  } catch (err) {
    if (isKubeError(err) && err.code === 'unauthorized')
      throw new Unauthorized('The Kubernetes API server does not accept your credentials (expired or revoked); sign in again.');
    throw err;
  }
}

/**
 * The connection that acts as `identity`: a bearer token's own, or the server's. Writes and
 * per-user reads (logs) go through it, so the API server's RBAC decides, not Offload.
 */
export function connectionFor(identity: Identity): Connection {
  const server = getCache().connection;
  if (server === null) throw new Unavailable('No cluster is configured.');
  return identity.kind === 'bearer' ? userConnection(server, identity.token) : server;
}
