import 'server-only';

import { connectionFor, type Identity } from './access';
import { isKubeError, Unavailable } from '@/lib/errors';
import { requestJson } from './http';

// Who the caller is, in the API server's own words: a SelfSubjectReview made with the
// caller's credentials returns the authenticated user name (a job's owner label) and
// groups. It also proves a token works before a session is made from it. The dashboard's
// own identity is "dashboard": with sign-in off, a browser is nobody in particular.

export const SERVER_OWNER = 'dashboard';

interface ReviewAnswer {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

export interface UserInfo {
  username: string;
  groups: string[];
}

export async function userInfoOf(identity: Identity): Promise<UserInfo> {
  if (identity.kind === 'server') return { username: SERVER_OWNER, groups: [] };
  const answer = await requestJson<ReviewAnswer>(connectionFor(identity), '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    method: 'POST',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  }).catch((err: unknown) => {
    // Every signed-in person may ask who they are (system:basic-user). A refusal comes from an
    // API server that has just started and not loaded its RBAC yet (seen in npm run soak after
    // a restart): a 403 would tell the person they lack a permission they have.
    if (isKubeError(err) && err.code === 'forbidden') {
      throw new Unavailable(
        "The cluster's API server refused to say who you are, which it does only while it is " +
          'starting up (or when the cluster withholds system:basic-user); nothing was done. Try again ' +
          'in a few seconds.',
      );
    }
    throw err;
  });
  const info = answer.status?.userInfo;
  return { username: info?.username ?? SERVER_OWNER, groups: info?.groups ?? [] };
}

export async function usernameOf(identity: Identity): Promise<string> {
  return (await userInfoOf(identity)).username;
}
