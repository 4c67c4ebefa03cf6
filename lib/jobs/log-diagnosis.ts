import 'server-only';

import { diagnoseLog, podBindMounts, type DiagnosisKind, type LogDiagnosis } from '@/lib/interlink/jobs/log-diagnosis';
import type { JobState } from '@/lib/interlink/jobs/job-state';
import type { JobView } from '@/lib/interlink/jobs/job-view';
import type { Pod } from '@/lib/interlink/model/types';
import { isAllowed, type Identity } from '@/lib/k8s/access';
import { isKubeError } from '@/lib/errors';
import { podLogText } from '@/lib/k8s/pod-logs';
import { TtlCache } from '@/lib/k8s/ttl-cache';
import { errorText, log } from '@/lib/observability/log';

// The sentence that explains a failed job, from its log (lib/interlink/jobs/log-diagnosis.ts).
// A job reported as succeeded is read too: a Slurm time-out whose exit code reads 0 arrives
// as a succeeded pod, and when nothing but the log says so, the log's time-limit (or
// out-of-memory) line is worth showing beside the "success".
// The log is read once per pod, as the person asking, with a byte limit; a finished pod's
// log no longer changes, so the answer is kept per pod UID in a small bounded map. A kept
// answer is served only to someone the API server would let read that log (`get pods/log`,
// what the log route's own upstream read needs): the detail route has checked `get jobs`
// only. Whoever may not read the log, or asks after the pod is gone, gets no sentence and
// no error.

const FAILED: ReadonlySet<JobState> = new Set(['Failed', 'TimedOut', 'OutOfMemory']);
/** What can contradict a success: Slurm's own verdicts. */
const SLURM_VERDICTS: ReadonlySet<DiagnosisKind> = new Set(['time-limit', 'out-of-memory']);
/** Bytes of the log read; the API server refuses limitBytes with tailLines, so only this is set. */
export const DIAGNOSIS_LOG_BYTES = 256 * 1024;
const READ_TIMEOUT_MS = 5_000;
const KEPT = 1_000;
const KEPT_MS = 6 * 60 * 60 * 1_000;

export interface LogAccess {
  mayRead(identity: Identity, namespace: string): Promise<boolean>;
  read(identity: Identity, namespace: string, pod: string, container: string | undefined): Promise<string>;
}

const cluster: LogAccess = {
  mayRead: (identity, namespace) => isAllowed(identity, { verb: 'get', resource: 'pods', subresource: 'log', namespace }),
  read: (identity, namespace, pod, container) =>
    podLogText(identity, namespace, pod, { limitBytes: DIAGNOSIS_LOG_BYTES, container }, AbortSignal.timeout(READ_TIMEOUT_MS)),
};

export class LogDiagnoses {
  private readonly kept = new TtlCache<LogDiagnosis | null>(KEPT_MS, KEPT);

  constructor(private readonly logs: LogAccess = cluster) {}

  /** The diagnosis of a finished job's current pod (failed, or succeeded but stopped by Slurm), or null. Never throws. */
  async for(identity: Identity, row: JobView, pod: Pod | undefined): Promise<LogDiagnosis | null> {
    const uid = pod?.metadata?.uid;
    const name = pod?.metadata?.name;
    const succeeded = row.state === 'Succeeded';
    if (!(FAILED.has(row.state) || succeeded) || pod === undefined || uid === undefined || name === undefined || name !== row.podName)
      return null;
    try {
      if (!(await this.logs.mayRead(identity, row.namespace))) return null;
      const found = await this.kept.getOrCompute(uid, async () => {
        const text = await this.logs.read(identity, row.namespace, name, failedContainer(pod));
        return diagnoseLog(text, { exitCode: row.exitCode, binds: podBindMounts(pod) });
      });
      return succeeded && found !== null && !SLURM_VERDICTS.has(found.kind) ? null : found;
    } catch (err) {
      // Not kept: the next request tries again.
      const expected = isKubeError(err) && (err.code === 'not_found' || err.code === 'forbidden');
      (expected ? log.debug : log.warn)('the log of a failed job could not be read to explain the failure', {
        namespace: row.namespace,
        pod: name,
        err: errorText(err),
      });
      return null;
    }
  }
}

const KEY = Symbol.for('offload.logDiagnoses');
type WithDiagnoses = typeof globalThis & { [KEY]?: LogDiagnoses };

/** This process's diagnoses (one map, whichever bundle asks). */
export function logDiagnoses(): LogDiagnoses {
  const g = globalThis as WithDiagnoses;
  return (g[KEY] ??= new LogDiagnoses());
}

/** The container whose log explains the failure: the first that failed, else the first. */
function failedContainer(pod: Pod): string | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  const failed = statuses.find((s) => (s.state?.terminated?.exitCode ?? 0) !== 0);
  return failed?.name ?? statuses[0]?.name ?? pod.spec?.containers?.[0]?.name;
}
