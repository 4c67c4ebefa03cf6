// What browser code needs to live with the page's Content Security Policy (proxy.ts,
// lib/http/security-headers.ts): no eval, and style elements only with the page's nonce.

/** The nonce of this page's policy: Next puts it on every script it renders (readable as a property only). */
export function pageNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
}

/**
 * zod (loaded on the pages that validate forms) probes once whether it may compile parsers
 * with `Function("")`; under a policy without 'unsafe-eval' the probe is refused, and reported
 * as a violation. Its global setting `jitless` skips the probe (it is kept on globalThis,
 * https://github.com/colinhacks/zod/blob/main/packages/zod/src/v4/core/core.ts), so setting
 * it here needs no import of zod on pages that never load it.
 */
export function keepZodFromEval(): void {
  // In the browser only: the server (which imports this while rendering) is under no policy.
  if (typeof window === 'undefined') return;
  const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  (g.__zod_globalConfig ??= {}).jitless = true;
}
