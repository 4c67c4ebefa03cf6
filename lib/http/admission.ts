import 'server-only';

import { tokenKey } from '@/lib/k8s/access';
import { TooManyRequests, Unauthorized, isKubeError } from '@/lib/errors';
import { TtlCache } from '@/lib/k8s/ttl-cache';
import { userInfoOf, type UserInfo } from '@/lib/k8s/whoami';

import { limits } from './limits';
import { RateLimiter } from './rate-limit';

// What a token may cost this server before any work is done for it (docs/operations.md
// "Limits"), per replica:
// - A bearer token sent by a script is checked by the API server (a SelfSubjectReview made
//   with it) before anything else, its request body included. The verdict is kept per token
//   hash: accepted for a minute, refused for ten seconds, so a script retrying a bad token
//   costs one review per ten seconds.
// - Reviews of tokens never accepted here (in the last hour) are themselves limited
//   (OFFLOAD_NEW_TOKEN_REVIEWS_PER_SECOND, bursts of four seconds' worth): a flood of made-up
//   tokens gets 429 and costs at most that many reviews, while known tokens (reviewed again
//   each minute all the same) and sessions go on as before.
// - Each token, a session's too, may make OFFLOAD_RATE_LIMIT_PER_TOKEN requests a second on
//   average, with bursts of ten seconds' worth.

const ACCEPTED_MS = 60_000;
const REFUSED_MS = 10_000;
const KNOWN_MS = 3_600_000;
const REFUSED = 'The Kubernetes API server does not accept your credentials (expired or revoked); sign in again.';

function create() {
  const l = limits();
  return {
    accepted: new TtlCache<UserInfo>(ACCEPTED_MS),
    refused: new TtlCache<string>(REFUSED_MS),
    /** Tokens accepted before: their next review does not wait for the budget of new ones. */
    known: new TtlCache<true>(KNOWN_MS),
    newTokens: new RateLimiter({ perSecond: l.newTokenReviews, burst: l.newTokenReviews * 4 }),
    requests: new RateLimiter({ perSecond: l.requestsPerToken, burst: l.requestsPerToken * 10 }),
  };
}

// On globalThis: Next bundles each route apart, and the limits must hold across all of them.
const KEY = Symbol.for('offload.admission');
type WithAdmission = typeof globalThis & { [KEY]?: ReturnType<typeof create> };
const state = () => ((globalThis as WithAdmission)[KEY] ??= create());

/** Who the API server says the token is: 401 when it refuses it, 429 when too many unknown tokens arrive at once. */
export async function reviewedUser(token: string): Promise<UserInfo> {
  const s = state();
  const key = tokenKey(token);
  const refusal = s.refused.get(key);
  if (refusal !== undefined) throw new Unauthorized(refusal);
  return s.accepted.getOrCompute(key, async () => {
    const wait = s.known.get(key) ? 0 : s.newTokens.take('');
    if (wait > 0) throw new TooManyRequests(`Too many requests with tokens this server has not checked yet; try again in ${wait} s.`, wait);
    try {
      const user = await userInfoOf({ kind: 'bearer', token });
      s.known.set(key, true);
      return user;
    } catch (err) {
      if (!(isKubeError(err) && err.code === 'unauthorized')) throw err;
      s.refused.set(key, REFUSED);
      throw new Unauthorized(REFUSED);
    }
  });
}

/** Counts one request against the token's rate; 429 with the seconds to wait when it is spent. */
export function chargeRequest(token: string): void {
  const wait = state().requests.take(tokenKey(token));
  if (wait > 0) {
    throw new TooManyRequests(
      `Too many requests with these credentials (more than ${limits().requestsPerToken} a second); try again in ${wait} s.`,
      wait,
    );
  }
}
