// Builders for the Job and pod shapes the job-state mapping reads (test support).
import type { ContainerState, Job, Pod } from '../../lib/interlink/model/types.ts';

// Fixtures shaped like what OSCAR creates (OSCAR pkg/types/interlink.go) and the virtual
// kubelet reports (interLink pkg/virtualkubelet/execute.go).
export const T0 = '2025-06-01T10:00:00Z';
export const T1 = '2025-06-01T10:05:00Z';
export const T2 = '2025-06-01T11:00:00Z';
export const selector = { 'kubernetes.io/hostname': 'vega-vk' };

export function job(over: { status?: Job['status']; suspend?: boolean; backoffLimit?: number; activeDeadlineSeconds?: number } = {}): Job {
  return {
    metadata: { name: 'svc-1234', namespace: 'oscar-svc', creationTimestamp: T0 },
    spec: {
      backoffLimit: over.backoffLimit ?? 0,
      suspend: over.suspend,
      activeDeadlineSeconds: over.activeDeadlineSeconds,
      template: { spec: { nodeSelector: selector, tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }] } },
    },
    status: over.status ?? {},
  };
}

export interface PodOpts {
  phase?: string;
  reason?: string;
  message?: string;
  jobId?: string;
  nodeName?: string;
  scheduled?: { status: string; reason?: string; message?: string };
  state?: ContainerState;
}

export function pod(o: PodOpts): Pod {
  return {
    metadata: { name: 'svc-1234-abcde', creationTimestamp: T0, annotations: o.jobId === undefined ? {} : { JobID: o.jobId } },
    spec: { nodeName: o.nodeName, nodeSelector: selector },
    status: {
      phase: o.phase,
      reason: o.reason,
      message: o.message,
      startTime: T0,
      conditions: o.scheduled === undefined ? [] : [{ type: 'PodScheduled', ...o.scheduled }],
      containerStatuses: o.state === undefined ? [] : [{ name: 'main', state: o.state }],
    },
  };
}

export const bound = { nodeName: 'vega-vk', scheduled: { status: 'True' } } as const;
export const done = (exitCode: number, reason: string, message?: string): ContainerState => ({
  terminated: { exitCode, reason, message, startedAt: T1, finishedAt: T2 },
});
export const unschedulable = (message: string) => ({ status: 'False', reason: 'Unschedulable', message });
export const failedCondition = (reason: string, message = '') => ({
  conditions: [{ type: 'Failed', status: 'True', reason, message, lastTransitionTime: T2 }],
});
export const completeCondition = {
  conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: T2 }],
  completionTime: T2,
  succeeded: 1,
};
