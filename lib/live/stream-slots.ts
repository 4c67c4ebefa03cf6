import 'server-only';

import { limits } from '@/lib/http/limits';
import { tokenKey, type Identity } from '@/lib/k8s/access';
import { TooManyRequests } from '@/lib/errors';
import { SERVER_OWNER } from '@/lib/k8s/whoami';

// The live streams one person holds open at once on this replica: event streams (one per
// open page) and followed logs (one per open log view) are counted apart, each up to
// OFFLOAD_STREAMS_PER_PERSON (lib/http/limits.ts). A person is the user name the API server
// gave (a session's, or a reviewed token's), so new tokens do not buy new streams.

export type SlotKind = 'events' | 'logs';

const REFUSAL: Record<SlotKind, (max: number) => string> = {
  events: (max) =>
    `You already have ${max} live event streams open here (one per open page), the most one ` +
    `person may; close a tab, or wait for one to end, and try again.`,
  logs: (max) => `You already follow ${max} logs here, the most one person may; close a log view, or wait for one to end, and try again.`,
};
const RETRY_AFTER_SECONDS = 10;

const KEY = Symbol.for('offload.streamSlots');
type WithSlots = typeof globalThis & { [KEY]?: Map<string, number> };
const held = () => ((globalThis as WithSlots)[KEY] ??= new Map());

function personOf(identity: Identity): string {
  if (identity.kind === 'server') return SERVER_OWNER;
  return identity.user !== undefined ? `user ${identity.user}` : `token ${tokenKey(identity.token)}`;
}

/** Takes one of the person's slots of this kind (429 when none is left); the returned function gives it back, once. */
export function takeStreamSlot(identity: Identity, kind: SlotKind): () => void {
  const key = `${kind} ${personOf(identity)}`;
  const max = limits().streamsPerPerson;
  const count = held().get(key) ?? 0;
  if (count >= max) throw new TooManyRequests(REFUSAL[kind](max), RETRY_AFTER_SECONDS);
  held().set(key, count + 1);
  let given = false;
  return () => {
    if (given) return;
    given = true;
    const left = (held().get(key) ?? 1) - 1;
    if (left > 0) held().set(key, left);
    else held().delete(key);
  };
}
