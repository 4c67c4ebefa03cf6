import { parseSinfoSummary, type SlurmPartition } from '../slurm/sinfo';

// The node annotation `interlink.virtual-kubelet.io/ping-response` holds the plugin's raw
// ping answer. The virtual kubelet writes it after every successful ping (every 30 s) and
// empties it after a failed one; it also parses a JSON answer for resources and taints
// (https://github.com/interlink-hq/interLink/blob/0.6.2/pkg/virtualkubelet/virtualkubelet.go):
//   {"status":"ok","resources":{"cpu":..,"memory":..,"pods":..,
//    "accelerators":[{"resourceType":..,"available":..}]},"taints":[...]}
// The released Slurm plugins (0.6.x) answer with the plain text of `sinfo -s` instead
// (https://github.com/interlink-hq/interlink-slurm-plugin/blob/0.6.1/pkg/slurm/Status.go,
// read by sinfo.ts). Anything else is still the answer of a node whose ping succeeded, so it
// is kept as text, never reported as an error. Nothing here throws.

export interface PingAccelerator {
  resourceType: string;
  available: string;
  model: string | null;
}

export interface PingResources {
  cpu: string | null;
  memory: string | null;
  pods: string | null;
  accelerators: PingAccelerator[];
}

export interface PingTaint {
  key: string;
  value: string | null;
  effect: string | null;
}

export const PING_KINDS = ['none', 'json', 'sinfo', 'text'] as const;
export type PingKind = (typeof PING_KINDS)[number];

export type PingAnswer =
  /** Annotation absent or empty: no ping has succeeded yet, or the last one failed. */
  | { kind: 'none' }
  /** A JSON object, read as the virtual kubelet reads it. */
  | { kind: 'json'; status: string | null; resources: PingResources | null; taints: PingTaint[] }
  /** `sinfo -s` text (the Slurm plugin). */
  | { kind: 'sinfo'; partitions: SlurmPartition[] }
  /** Some other answer (malformed JSON included): only its text is known. */
  | { kind: 'text'; text: string };

export function parsePingResponse(raw: string | undefined | null): PingAnswer {
  if (raw === undefined || raw === null || raw.trim() === '') return { kind: 'none' };
  if (raw.trimStart().startsWith('{')) return readJson(raw) ?? { kind: 'text', text: raw };
  const partitions = parseSinfoSummary(raw);
  return partitions === null ? { kind: 'text', text: raw } : { kind: 'sinfo', partitions };
}

function readJson(raw: string): PingAnswer | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(data)) return null;
  return {
    kind: 'json',
    status: scalar(data.status),
    resources: isRecord(data.resources) ? readResources(data.resources) : null,
    taints: Array.isArray(data.taints) ? data.taints.flatMap(readTaint) : [],
  };
}

function readResources(r: Record<string, unknown>): PingResources {
  const accelerators = Array.isArray(r.accelerators) ? r.accelerators.flatMap(readAccelerator) : [];
  return { cpu: scalar(r.cpu), memory: scalar(r.memory), pods: scalar(r.pods), accelerators };
}

function readAccelerator(a: unknown): PingAccelerator[] {
  if (!isRecord(a)) return [];
  const resourceType = scalar(a.resourceType);
  const available = scalar(a.available);
  if (resourceType === null || available === null) return [];
  return [{ resourceType, available, model: scalar(a.model) }];
}

function readTaint(t: unknown): PingTaint[] {
  if (!isRecord(t)) return [];
  const key = scalar(t.key);
  return key === null ? [] : [{ key, value: scalar(t.value), effect: scalar(t.effect) }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strings as they are, finite numbers and booleans as text; anything else is absent. */
function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return null;
}

/**
 * A ping condition's message without the plugin's answer the virtual kubelet appends to it
 * ("Ping successful with code 200. Response: <answer>"), for when that answer is shown on its
 * own already; the whole message is kept when there is no such tail.
 */
export function withoutPingAnswer(message: string): { head: string; answerOmitted: boolean } {
  const at = message.indexOf('. Response: ');
  if (at < 0 || !message.startsWith('Ping successful')) return { head: message, answerOmitted: false };
  return { head: message.slice(0, at), answerOmitted: true };
}
