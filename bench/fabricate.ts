// Objects the benchmark fabricates for scale — the one place in the project where cluster
// objects are made up, through the real API server, without Slurm behind them. Pure.

export const BENCH_NAMESPACE = 'offload-bench';
export const BENCH_LABEL = 'offload.io/bench';
/** The Job controller ignores Jobs managed by someone else (spec.managedBy). */
export const BENCH_JOB_MANAGER = 'offload.io/bench';

export type BenchState = 'Queued' | 'Running' | 'Succeeded' | 'Failed';
const STATES: readonly BenchState[] = ['Queued', 'Running', 'Running', 'Succeeded', 'Succeeded', 'Succeeded', 'Failed'];

export function benchNodeName(i: number): string {
  return `bench-vk-${String(i).padStart(2, '0')}`;
}

export function benchNode(i: number, now: Date) {
  const name = benchNodeName(i);
  const cond = (type: string, status: string, reason: string) => ({
    type,
    status,
    reason,
    message: reason,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  return {
    metadata: {
      name,
      labels: {
        'virtual-node.interlink/type': 'virtual-kubelet',
        'kubernetes.io/role': 'agent',
        'kubernetes.io/hostname': name,
        [BENCH_LABEL]: 'true',
      },
      annotations: {
        'interlink.virtual-kubelet.io/ping-response': JSON.stringify({
          status: 'ok',
          resources: { cpu: '1000', memory: '4Ti', pods: '10000' },
        }),
      },
    },
    spec: {
      providerID: `external:///${name}`,
      taints: [{ key: 'virtual-node.interlink/no-schedule', value: 'true', effect: 'NoSchedule' }],
    },
    status: {
      capacity: { cpu: '1000', memory: '4Ti', pods: '10000' },
      allocatable: { cpu: '1000', memory: '4Ti', pods: '10000' },
      nodeInfo: {
        architecture: 'virtual-kubelet',
        kubeletVersion: 'bench',
        operatingSystem: 'linux',
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: '',
        osImage: '',
        containerRuntimeVersion: '',
        kubeProxyVersion: '',
      },
      conditions: [cond('Ready', 'True', 'KubeletReady'), cond('InterlinkConnectivity', 'True', 'InterlinkPingSuccessful')],
    },
  };
}

export function benchJob(j: number) {
  return {
    metadata: {
      name: `bench-job-${j}`,
      namespace: BENCH_NAMESPACE,
      labels: { [BENCH_LABEL]: 'true', oscar_service: `bench-svc-${j % 7}` },
    },
    spec: {
      managedBy: BENCH_JOB_MANAGER,
      backoffLimit: 0,
      template: {
        metadata: { labels: { [BENCH_LABEL]: 'true' } },
        spec: {
          restartPolicy: 'Never',
          tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }],
          containers: [{ name: 'main', image: 'docker://bench' }],
        },
      },
    },
  };
}

export interface PodPlan {
  name: string;
  node: string;
  state: BenchState;
  slurmJobId: number;
  /** Index of the owning Job, or null for a pod no Job owns. */
  job: number | null;
}

/** 10,000 pods over `nodes` nodes; the first `ownedPods` are each owned by one Job. */
export function planPods(count: number, nodes: number, ownedPods: number): PodPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `bench-pod-${i}`,
    node: benchNodeName(i % nodes),
    state: STATES[i % STATES.length] ?? 'Running',
    slurmJobId: 100_000 + i,
    job: i < ownedPods ? i : null,
  }));
}

export function benchPod(p: PodPlan, owner: { name: string; uid: string } | null) {
  return {
    metadata: {
      name: p.name,
      namespace: BENCH_NAMESPACE,
      labels: { [BENCH_LABEL]: 'true', oscar_service: `bench-svc-${p.slurmJobId % 7}` },
      annotations: { 'slurm-job.vk.io/flags': '--cpus-per-task=1 --mem=1G', JobID: String(p.slurmJobId) },
      ownerReferences: owner ? [{ apiVersion: 'batch/v1', kind: 'Job', name: owner.name, uid: owner.uid, controller: true }] : [],
    },
    spec: {
      nodeName: p.node,
      restartPolicy: 'Never',
      tolerations: [
        { key: 'virtual-node.interlink/no-schedule', operator: 'Exists' },
        // No kubelet runs behind fabricated nodes: never let the taint manager evict.
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ],
      containers: [{ name: 'main', image: 'docker://bench' }],
    },
  };
}

/** The status a virtual kubelet would report for a pod in `state` (interLink pkg/virtualkubelet/execute.go). */
export function benchPodStatus(state: BenchState, now: Date) {
  const scheduled = { type: 'PodScheduled', status: 'True', lastTransitionTime: now };
  const containerState =
    state === 'Queued'
      ? { waiting: { reason: 'Pending', message: 'queued in Slurm' } }
      : state === 'Running'
        ? { running: { startedAt: now } }
        : {
            terminated: {
              exitCode: state === 'Succeeded' ? 0 : 2,
              reason: state === 'Succeeded' ? 'Completed' : 'Error: 2',
              startedAt: now,
              finishedAt: now,
            },
          };
  // Timestamps are Dates: client-node's serializer writes them as RFC 3339.
  const phase: string = state === 'Queued' ? 'Pending' : state === 'Running' ? 'Running' : state;
  return {
    phase,
    startTime: now,
    conditions: [scheduled],
    containerStatuses: [
      { name: 'main', image: 'docker://bench', imageID: '', ready: state === 'Running', restartCount: 0, state: containerState },
    ],
  };
}
