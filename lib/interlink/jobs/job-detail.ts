import { EVENT_ENV } from '../slurm/env-encoding';
import { FINISHED_STATES } from './job-state';
import { MANAGED_BY_LABEL, MANAGED_BY_OFFLOAD, type JobOrigin, type JobView } from './job-view';
import {
  CREATED_VIA_OSCAR_API,
  LEGACY_SLURM_ANNOTATIONS,
  OFFLOAD_CANCEL_ANNOTATIONS,
  OFFLOAD_CREATED_VIA_ANNOTATION,
  SLURM_ANNOTATIONS,
} from '../model/keys';
import { currentPod } from './pod-signals';
import { findCondition, toIso, type Condition, type Job, type KubeEvent, type Pod, type PodSpec } from '../model/types';

// What the job detail page shows beyond the list row: a timeline, the pod's and Job's
// conditions, the events, the Slurm annotations it was sent with, each container's outcome
// and the run's input. Pure: the server builds it from the objects its cache holds.

export type TimelineStep = 'created' | 'scheduled' | 'submitted' | 'started' | 'finished';

export interface TimelineEntry {
  step: TimelineStep;
  label: string;
  /** When it happened; null when it has not (yet), or when no time is recorded for it. */
  at: string | null;
  done: boolean;
}

export interface ConditionView {
  of: 'Job' | 'Pod';
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  lastTransition: string | null;
}

export interface EventView {
  object: string;
  type: string | null;
  reason: string | null;
  message: string | null;
  at: string | null;
  count: number;
}

export interface ContainerView {
  name: string;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  exitCode: number | null;
  reason: string | null;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobDetail {
  timeline: TimelineEntry[];
  conditions: ConditionView[];
  events: EventView[];
  /** `slurm-job.vk.io/*` and the older `job.vk.io/*` annotations, as sent to the plugin. */
  slurmAnnotations: Array<{ key: string; value: string }>;
  containers: ContainerView[];
  /** The run's input, Base64 as it travels in EVENT; null when the Job has none. */
  input: string | null;
  /** Offload created it, so it can be run again through the service's run endpoint. */
  managedByOffload: boolean;
  /** Which client made it: Offload (dashboard or /api), Offload's OSCAR API, OSCAR, or another (kubectl…). */
  createdBy: JobCreator;
  cancelledBy: string | null;
  cancelledAt: string | null;
}

export type JobCreator = JobOrigin | 'oscar-api';
export const JOB_CREATORS = ['offload', 'oscar-api', 'oscar', 'other'] as const satisfies readonly JobCreator[];

const SLURM_PREFIXES = ['slurm-job.vk.io/', 'job.vk.io/'];
const KNOWN_SLURM_KEYS: readonly string[] = [...Object.values(SLURM_ANNOTATIONS), ...Object.values(LEGACY_SLURM_ANNOTATIONS)];

export function buildJobDetail(row: JobView, job: Job | undefined, pods: readonly Pod[], events: readonly KubeEvent[]): JobDetail {
  const pod = currentPod(pods);
  const annotations = { ...job?.spec?.template?.metadata?.annotations, ...pod?.metadata?.annotations };
  const jobAnnotations = job?.metadata?.annotations ?? {};
  const labels = job?.metadata?.labels ?? pod?.metadata?.labels ?? {};
  return {
    timeline: timeline(row, pod, events),
    conditions: [...conditionViews('Job', job?.status?.conditions), ...conditionViews('Pod', pod?.status?.conditions)],
    events: events.map(eventView).sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '')),
    slurmAnnotations: Object.entries(annotations)
      .filter(([key]) => SLURM_PREFIXES.some((p) => key.startsWith(p)))
      .sort(([a], [b]) => KNOWN_SLURM_KEYS.indexOf(a) - KNOWN_SLURM_KEYS.indexOf(b) || a.localeCompare(b))
      .map(([key, value]) => ({ key, value })),
    containers: (pod?.status?.containerStatuses ?? []).map((s): ContainerView => {
      const st = s.state;
      const t = st?.terminated;
      return {
        name: s.name,
        state: t ? 'terminated' : st?.running ? 'running' : st?.waiting ? 'waiting' : 'unknown',
        exitCode: t?.exitCode ?? null,
        reason: t?.reason ?? st?.waiting?.reason ?? null,
        message: t?.message ?? st?.waiting?.message ?? null,
        startedAt: toIso(t?.startedAt ?? st?.running?.startedAt),
        finishedAt: toIso(t?.finishedAt),
      };
    }),
    input: inputOf(job?.spec?.template?.spec ?? pod?.spec),
    managedByOffload: labels[MANAGED_BY_LABEL] === MANAGED_BY_OFFLOAD,
    createdBy:
      row.origin === 'offload' && jobAnnotations[OFFLOAD_CREATED_VIA_ANNOTATION] === CREATED_VIA_OSCAR_API ? 'oscar-api' : row.origin,
    cancelledBy: jobAnnotations[OFFLOAD_CANCEL_ANNOTATIONS.by] ?? null,
    cancelledAt: jobAnnotations[OFFLOAD_CANCEL_ANNOTATIONS.at] ?? null,
  };
}

function timeline(row: JobView, pod: Pod | undefined, events: readonly KubeEvent[]): TimelineEntry[] {
  const scheduled = findCondition(pod?.status?.conditions, 'PodScheduled');
  const isScheduled = scheduled?.status === 'True' || Boolean(pod?.spec?.nodeName);
  const node = row.node ?? 'a node';
  const finished = row.finishedAt !== null || FINISHED_STATES.has(row.state);
  const exit = row.exitCode === null ? '' : `, exit code ${row.exitCode}`;
  return [
    { step: 'created', label: 'Created', at: row.submittedAt, done: true },
    // The interLink virtual kubelet rewrites the pod's conditions without times; the
    // scheduler's own `Scheduled` event still says when it bound the pod.
    {
      step: 'scheduled',
      label: `Scheduled on ${node}`,
      at: isScheduled ? (toIso(scheduled?.lastTransitionTime) ?? scheduledAt(pod, events)) : null,
      done: isScheduled,
    },
    {
      step: 'submitted',
      label: row.slurmJobId === null ? 'Submitted to Slurm' : `Submitted to Slurm as job ${row.slurmJobId}`,
      // The virtual kubelet records no submission time; the pod's start time is when it took the pod.
      at: row.slurmJobId === null ? null : toIso(pod?.status?.startTime),
      done: row.slurmJobId !== null,
    },
    // A container that ran or ended has started, even when its start time is not recorded
    // (the virtual kubelet sends `startedAt: null`): done, with no time rather than a guess.
    // A failed submission ends its containers too, without anything having run.
    {
      step: 'started',
      label: 'Started',
      at: row.startedAt,
      done: row.startedAt !== null || (row.state !== 'SubmissionFailed' && hasRun(pod)),
    },
    { step: 'finished', label: finished ? `Finished: ${row.state}${exit}` : 'Finished', at: row.finishedAt, done: finished },
  ];
}

/** When the scheduler bound this pod, from its `Scheduled` event, if one is kept. */
function scheduledAt(pod: Pod | undefined, events: readonly KubeEvent[]): string | null {
  const name = pod?.metadata?.name;
  const uid = pod?.metadata?.uid;
  if (name === undefined) return null;
  let at: string | null = null;
  for (const e of events) {
    const about = e.involvedObject;
    if (e.reason !== 'Scheduled' || about?.kind !== 'Pod' || about.name !== name) continue;
    if (uid !== undefined && about.uid !== undefined && about.uid !== uid) continue;
    at = toIso(e.eventTime ?? e.firstTimestamp ?? e.lastTimestamp ?? e.metadata?.creationTimestamp) ?? at;
  }
  return at;
}

function hasRun(pod: Pod | undefined): boolean {
  return (pod?.status?.containerStatuses ?? []).some((s) => s.state?.running !== undefined || s.state?.terminated !== undefined);
}

/**
 * One row per condition type. The interLink virtual kubelet appends a second `Ready` when a
 * pod ends instead of replacing the first, so where a type repeats, the last entry (its
 * latest write) is the one shown, in the place the type first appeared.
 */
function conditionViews(of: 'Job' | 'Pod', conditions: readonly Condition[] | undefined): ConditionView[] {
  const byType = new Map<string, ConditionView>();
  for (const c of conditions ?? []) {
    byType.set(c.type, {
      of,
      type: c.type,
      status: c.status,
      reason: c.reason ?? null,
      message: c.message ?? null,
      lastTransition: toIso(c.lastTransitionTime),
    });
  }
  return [...byType.values()];
}

function eventView(e: KubeEvent): EventView {
  return {
    object: `${e.involvedObject?.kind ?? '?'}/${e.involvedObject?.name ?? '?'}`,
    type: e.type ?? null,
    reason: e.reason ?? null,
    message: e.message ?? null,
    at: toIso(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp),
    count: e.count ?? 1,
  };
}

function inputOf(spec: PodSpec | undefined): string | null {
  for (const c of spec?.containers ?? []) {
    const event = c.env?.find((e) => e.name === EVENT_ENV);
    if (event?.value !== undefined) return event.value;
  }
  return null;
}
