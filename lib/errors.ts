import 'server-only';

// Typed errors of the cluster gateway. Everything that talks to the API server turns its
// failures into one of these, so callers branch on the class and lib/http/http-errors.ts
// maps each class to one HTTP status in one place. Messages are sentences for a person.

export type KubeErrorCode =
  'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'unauthorized' | 'unavailable' | 'too_large' | 'rate_limited';

// Next bundles a module into each route and into instrumentation separately, so the cache
// (created once) and a route handler may hold different copies of these classes, and
// `instanceof` fails between them. A global symbol brand works across copies.
const BRAND = Symbol.for('offload.KubeError');

export abstract class KubeError extends Error {
  abstract readonly code: KubeErrorCode;
  readonly [BRAND] = true;
}

/** Is it one of these errors, whichever bundle's copy of the classes made it? */
export function isKubeError(err: unknown): err is KubeError {
  return typeof err === 'object' && err !== null && (err as { [BRAND]?: unknown })[BRAND] === true;
}

/** A 410 Gone: the resourceVersion is too old and the caller must list again. */
export function isExpired(err: unknown): boolean {
  return isKubeError(err) && err.name === 'Expired';
}

/** One error class per code; the name shows in logs and stack traces. */
function errorClass(code: KubeErrorCode, name: string) {
  return class extends KubeError {
    readonly code = code;
    override readonly name: string = name;
  };
}

export class NotFound extends errorClass('not_found', 'NotFound') {}
export class Forbidden extends errorClass('forbidden', 'Forbidden') {}
export class Conflict extends errorClass('conflict', 'Conflict') {}
export class Unauthorized extends errorClass('unauthorized', 'Unauthorized') {}
export class Unavailable extends errorClass('unavailable', 'Unavailable') {}

/** The API server refused an object as invalid; `field` is the first offending path, if given. */
export class Invalid extends errorClass('invalid', 'Invalid') {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

// Offload's own limits on what one caller may cost (lib/http/limits.ts), typed here so the
// one mapping in lib/http/http-errors.ts covers them too.

/** A request body over its limit (413); nothing of it was kept. */
export class TooLarge extends errorClass('too_large', 'TooLarge') {}

/** Too many requests or streams for now (429); `retryAfterSeconds` says when to try again. */
export class TooManyRequests extends errorClass('rate_limited', 'TooManyRequests') {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A watch's resourceVersion is too old (410 Gone): the caller must list again. */
export class Expired extends Unavailable {
  override readonly name: string = 'Expired';
}

interface StatusBody {
  message?: unknown;
  reason?: unknown;
  details?: { causes?: Array<{ field?: unknown; message?: unknown }> };
}

/** A typed error from an HTTP status and the API server's `Status` body (or anything else). */
export function errorFromStatus(status: number, body: unknown): KubeError {
  const s: StatusBody = typeof body === 'object' && body !== null ? (body as StatusBody) : {};
  const text = typeof s.message === 'string' && s.message !== '' ? s.message : null;
  const sentence = (fallback: string) => asSentence(text ?? fallback);
  switch (status) {
    case 401:
      return new Unauthorized(sentence('The API server did not accept the credentials'));
    case 403:
      return new Forbidden(sentence('The API server refused the request'));
    case 404:
      return new NotFound(sentence('The object does not exist'));
    case 409:
      return new Conflict(sentence('The object was changed or already exists'));
    case 410:
      return new Expired(sentence('The resource version is too old'));
    case 400:
    case 422: {
      const cause = s.details?.causes?.find((c) => typeof c.field === 'string' && c.field !== '');
      return new Invalid(sentence('The API server refused the object as invalid'), typeof cause?.field === 'string' ? cause.field : null);
    }
    default:
      return new Unavailable(sentence(`The API server answered HTTP ${status}`));
  }
}

/** A typed error for a request that never got an answer (refused, reset, timed out). */
export function errorFromNetwork(server: string, err: unknown): Unavailable {
  const cause = err instanceof Error ? describeCause(err) : String(err);
  return new Unavailable(`The API server at ${server} is unreachable: ${cause}.`);
}

function describeCause(err: Error): string {
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'the request timed out';
  const inner = (err as Error & { cause?: unknown }).cause;
  if (inner instanceof Error && inner.message !== '') return inner.message;
  return err.message;
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
