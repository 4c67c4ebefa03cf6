import 'server-only';

import { connectionFor, type Identity } from './access';
import { requestJson } from './http';

// Who the caller is, in the API server's own words: a SelfSubjectReview made with the
// caller's credentials returns the authenticated user name (a job's owner label). The
// dashboard's own identity is "dashboard": a browser without sign-in is nobody in particular.

export const SERVER_OWNER = 'dashboard';

interface ReviewAnswer {
  status?: { userInfo?: { username?: string } };
}

export async function usernameOf(identity: Identity): Promise<string> {
  if (identity.kind === 'server') return SERVER_OWNER;
  const answer = await requestJson<ReviewAnswer>(connectionFor(identity), '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    method: 'POST',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  return answer.status?.userInfo?.username ?? SERVER_OWNER;
}
