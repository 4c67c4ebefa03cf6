import { NODE_LABELS, SLURM_JOB_ID_ANNOTATION } from '../model/keys';
import { toMillis, type ContainerStateTerminated, type KubeEvent, type Pod } from '../model/types';

// Facts read off a pod as the interLink virtual kubelet reports it (interLink pkg/virtualkubelet/execute.go).

export interface ContainerFacts {
  terminated: ContainerStateTerminated[];
  /** Every container has terminated (and there is at least one). */
  allTerminated: boolean;
  waiting: Array<{ reason: string | null; message: string | null }>;
  /** Earliest start of any container (the Slurm job's start as the plugin reports it). */
  startedAt: string | null;
  /** Latest finish, once every container has terminated. */
  finishedAt: string | null;
}

export function containerFacts(pod: Pod): ContainerFacts {
  const statuses = pod.status?.containerStatuses ?? [];
  const terminated = statuses.flatMap((s) => (s.state?.terminated ? [s.state.terminated] : []));
  const waiting = statuses.flatMap((s) =>
    s.state?.waiting ? [{ reason: s.state.waiting.reason ?? null, message: s.state.waiting.message ?? null }] : [],
  );
  const starts = statuses.map((s) => s.state?.running?.startedAt ?? s.state?.terminated?.startedAt);
  const allTerminated = statuses.length > 0 && terminated.length === statuses.length;
  return {
    terminated,
    allTerminated,
    waiting,
    startedAt: extreme(starts, 'min'),
    finishedAt: allTerminated
      ? extreme(
          terminated.map((t) => t.finishedAt),
          'max',
        )
      : null,
  };
}

function extreme(times: ReadonlyArray<string | Date | null | undefined>, which: 'min' | 'max'): string | null {
  const ms = times.map((t) => toMillis(t)).filter((t): t is number => t !== null);
  if (ms.length === 0) return null;
  return new Date(which === 'min' ? Math.min(...ms) : Math.max(...ms)).toISOString();
}

/**
 * The exit code that explains the outcome: the first non-zero one, else 0 when every
 * container terminated. The virtual kubelet also writes the code into the reason as
 * `Error: <code>`; that is read only when the number itself is unusable.
 */
export function exitCodeOf(terminated: readonly ContainerStateTerminated[]): number | null {
  const codes = terminated.map((t) => {
    if (Number.isInteger(t.exitCode)) return t.exitCode;
    const fromReason = /^Error:\s*(-?\d+)/.exec(t.reason ?? '')?.[1];
    return fromReason === undefined ? null : Number(fromReason);
  });
  const known = codes.filter((c): c is number => c !== null);
  if (known.length === 0) return null;
  return known.find((c) => c !== 0) ?? 0;
}

/**
 * All text that may carry the plugin's own verdict. The virtual kubelet overwrites the
 * terminated reason with `Completed` or `Error: <code>`, so `SlurmJobTimeout`/`OOMKilled`
 * survive only in messages, if at all: look everywhere.
 */
export function outcomeTexts(pod: Pod | undefined, events: readonly KubeEvent[], extra: ReadonlyArray<string | undefined> = []): string[] {
  const texts: Array<string | undefined> = [pod?.status?.reason, pod?.status?.message, ...extra];
  for (const s of pod?.status?.containerStatuses ?? []) {
    texts.push(s.state?.terminated?.reason, s.state?.terminated?.message);
  }
  for (const e of events) texts.push(e.reason, e.message);
  return texts.filter((t): t is string => t !== undefined && t !== '');
}

// Slurm's state names (TIMEOUT, OUT_OF_MEMORY), the plugin's reasons (SlurmJobTimeout,
// OOMKilled), slurmstepd's "CANCELLED ... DUE TO TIME LIMIT" and "oom-kill event ...
// cgroup out-of-memory handler", and the Job controller's DeadlineExceeded.
// Upper-case words are matched case-sensitively: a lower-case "timeout" is too common in
// unrelated error text (e.g. an HTTP client's) to mean a Slurm time limit.
const TIMEOUT = [/SlurmJobTimeout|DeadlineExceeded|\bTIMEOUT\b|DUE TO TIME LIMIT/, /\btime limit\b/i];
const OOM = /OOMKilled|OUT_OF_MEMORY|OutOfMemory|\bOOM\b|out[- ]of[- ]memory|oom[-_ ]kill/i;

export function mentionsTimeout(texts: readonly string[]): boolean {
  return texts.some((t) => TIMEOUT.some((re) => re.test(t)));
}

export function mentionsOutOfMemory(texts: readonly string[]): boolean {
  return texts.some((t) => OOM.test(t));
}

/** The Slurm job id the virtual kubelet wrote into the `JobID` pod annotation. */
export function slurmJobIdOf(pod: Pod | undefined): string | null {
  const id = pod?.metadata?.annotations?.[SLURM_JOB_ID_ANNOTATION]?.trim();
  return id === undefined || id === '' ? null : id;
}

/** The node a pod runs on, or the one its hostname selector names. */
export function nodeOf(pod: Pod | undefined): string | null {
  return pod?.spec?.nodeName || pod?.spec?.nodeSelector?.[NODE_LABELS.hostname] || null;
}

/** The current pod of a Job: the newest by creation time (backoffLimit 0 leaves one). */
export function currentPod<P extends Pod>(pods: readonly P[]): P | undefined {
  let best: P | undefined;
  for (const p of pods) {
    if (best === undefined || (toMillis(p.metadata?.creationTimestamp) ?? 0) >= (toMillis(best.metadata?.creationTimestamp) ?? 0)) best = p;
  }
  return best;
}

/** Shortens a message for a one-line sentence. */
export function clip(text: string, max = 240): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
