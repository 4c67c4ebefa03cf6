// What one caller may cost this server (docs/operations.md "Limits"): request bodies, request
// rates, reviews of tokens not seen before, live streams per person and followed logs. All
// are per replica (kept in process memory). `limitsFrom` is pure, so every setting is
// unit-tested; `limits()` reads the server's environment once (instrumentation.ts asks at
// boot, so a bad setting stops the server with a sentence rather than failing requests).

export interface Limits {
  /** Bytes of a service (POST/PUT) or run request body; a ConfigMap holds at most 1 MiB anyway. */
  serviceBodyBytes: number;
  /** Bytes of a token sign-in body (a token is at most 16,384 characters). */
  signinBodyBytes: number;
  /** Requests per second one token may make, on average; a burst of ten seconds' worth is allowed. */
  requestsPerToken: number;
  /** Reviews per second of bearer tokens this replica has not seen accepted (or refused) recently. */
  newTokenReviews: number;
  /** Event streams open at once per person, and followed logs open at once per person (each). */
  streamsPerPerson: number;
  /** A followed log ends after this many seconds; the browser says so and the person may follow it again. */
  logFollowSeconds: number;
  /** A followed log ends after this many bytes. */
  logFollowBytes: number;
  /** Bytes queued for an event-stream client beyond its snapshot before it is dropped (it reconnects). */
  streamBacklogBytes: number;
}

export const KIB = 1024;
export const MIB = 1024 * KIB;

const DEFAULTS: Limits = {
  serviceBodyBytes: MIB,
  signinBodyBytes: 16 * KIB,
  requestsPerToken: 50,
  newTokenReviews: 5,
  streamsPerPerson: 20,
  logFollowSeconds: 3_600,
  logFollowBytes: 64 * MIB,
  streamBacklogBytes: 4 * MIB,
};

/** The settings read from the environment, with the variable that sets each. */
const SETTINGS: ReadonlyArray<[keyof Limits, string]> = [
  ['requestsPerToken', 'OFFLOAD_RATE_LIMIT_PER_TOKEN'],
  ['newTokenReviews', 'OFFLOAD_NEW_TOKEN_REVIEWS_PER_SECOND'],
  ['streamsPerPerson', 'OFFLOAD_STREAMS_PER_PERSON'],
  ['logFollowSeconds', 'OFFLOAD_LOG_FOLLOW_MAX_SECONDS'],
  ['logFollowBytes', 'OFFLOAD_LOG_FOLLOW_MAX_BYTES'],
];

export class LimitsConfigError extends Error {
  override readonly name = 'LimitsConfigError';
}

export function limitsFrom(env: Readonly<Record<string, string | undefined>>): Limits {
  const limits = { ...DEFAULTS };
  for (const [key, variable] of SETTINGS) {
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new LimitsConfigError(`${variable} must be a whole number of at least 1, not "${raw}".`);
    limits[key] = value;
  }
  return limits;
}

let current: Limits | undefined;

/** This process's limits, from its environment. */
export function limits(): Limits {
  return (current ??= limitsFrom(process.env));
}
