// The node annotation `interlink.virtual-kubelet.io/ping-response` holds the Slurm
// plugin's raw ping answer, e.g.
//   {"status":"ok","resources":{"cpu":..,"memory":..,"pods":..,
//    "accelerators":[{"resourceType":..,"available":..}]},"taints":[...]}
// The virtual kubelet writes it after every successful ping (every 30 s) and empties it
// after a failed one (reference §1). The text comes from a remote plugin we do not
// control, so it is read defensively: nothing here throws.

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

export type PingAnswer =
  /** Annotation absent or empty: no ping has succeeded yet, or the last one failed. */
  | { kind: 'none' }
  /** Present but not the JSON object we expect. `error` says what is wrong. */
  | { kind: 'invalid'; error: string }
  | { kind: 'ok'; status: string | null; resources: PingResources | null; taints: PingTaint[] };

export function parsePingResponse(raw: string | undefined | null): PingAnswer {
  if (raw === undefined || raw === null || raw.trim() === '') return { kind: 'none' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { kind: 'invalid', error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isRecord(data)) return { kind: 'invalid', error: 'expected a JSON object' };
  return {
    kind: 'ok',
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
