import { describe, expect, it } from 'vitest';

import { LimitsConfigError, MIB, limitsFrom } from './limits';

describe('limitsFrom', () => {
  it('has the defaults docs/operations.md gives', () => {
    const l = limitsFrom({});
    expect([l.serviceBodyBytes, l.signinBodyBytes, l.requestsPerToken, l.newTokenReviews]).toEqual([MIB, 16_384, 50, 5]);
    expect([l.streamsPerPerson, l.logFollowSeconds, l.logFollowBytes, l.streamBacklogBytes]).toEqual([20, 3_600, 64 * MIB, 4 * MIB]);
  });

  it('reads each setting from its variable', () => {
    const l = limitsFrom({
      OFFLOAD_RATE_LIMIT_PER_TOKEN: '7',
      OFFLOAD_NEW_TOKEN_REVIEWS_PER_SECOND: ' 2 ',
      OFFLOAD_STREAMS_PER_PERSON: '3',
      OFFLOAD_LOG_FOLLOW_MAX_SECONDS: '60',
      OFFLOAD_LOG_FOLLOW_MAX_BYTES: '1000',
      OFFLOAD_OTHER: 'x',
    });
    expect(l).toMatchObject({ requestsPerToken: 7, newTokenReviews: 2, streamsPerPerson: 3, logFollowSeconds: 60, logFollowBytes: 1000 });
  });

  it('refuses a value that is not a whole number of at least 1, naming the variable', () => {
    for (const bad of ['0', '-1', '1.5', 'many', '1e400']) {
      expect(() => limitsFrom({ OFFLOAD_STREAMS_PER_PERSON: bad })).toThrow(LimitsConfigError);
      expect(() => limitsFrom({ OFFLOAD_STREAMS_PER_PERSON: bad })).toThrow(
        `OFFLOAD_STREAMS_PER_PERSON must be a whole number of at least 1, not "${bad}".`,
      );
    }
  });
});
