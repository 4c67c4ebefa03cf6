// Every label, taint and annotation key that interLink, its Slurm plugin and OSCAR put on
// Kubernetes objects (interLink pkg/virtualkubelet, the Slurm plugin's pkg/slurm, OSCAR
// pkg/types; versions in lib/interlink/README.md). Older spellings are kept beside the
// current ones because clusters run mixed releases and OSCAR's docs still use the old forms.

/** Node labels that mark an interLink virtual node (interLink pkg/virtualkubelet/virtualkubelet.go). */
export const VIRTUAL_NODE_LABELS = {
  /** interLink 0.4+ : `virtual-node.interlink/type=virtual-kubelet`. */
  current: { key: 'virtual-node.interlink/type', value: 'virtual-kubelet' },
  /** Older interLink releases and the OSCAR docs: `type=virtual-kubelet`. */
  legacy: { key: 'type', value: 'virtual-kubelet' },
} as const;

/** Role labels that exclude a node from being a virtual node, as OSCAR's selector does (OSCAR pkg/types/config.go). */
export const CONTROL_PLANE_ROLE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'] as const;

/** Other labels the virtual kubelet sets on its node (interLink pkg/virtualkubelet/virtualkubelet.go). */
export const NODE_LABELS = {
  hostname: 'kubernetes.io/hostname',
  role: 'kubernetes.io/role',
  os: 'kubernetes.io/os',
  /** Accelerator model labels, set from the virtual kubelet's accelerator config. */
  nvidiaGpuType: 'nvidia-gpu-type',
  xilinxFpgaType: 'xilinx-fpga-type',
  intelFpgaType: 'intel-fpga-type',
} as const;

/** The taint every virtual node carries: `virtual-node.interlink/no-schedule=true:NoSchedule`. */
export const VIRTUAL_NODE_TAINT = {
  key: 'virtual-node.interlink/no-schedule',
  value: 'true',
  effect: 'NoSchedule',
} as const;

/** Node annotation holding the plugin's raw ping answer; empty after a failed ping (interLink pkg/virtualkubelet/virtualkubelet.go). */
export const PING_RESPONSE_ANNOTATION = 'interlink.virtual-kubelet.io/ping-response';

/** Custom node condition set by the virtual kubelet's 30 s health loop (interLink pkg/virtualkubelet/virtualkubelet.go). */
export const INTERLINK_CONNECTIVITY_CONDITION = 'InterlinkConnectivity';
export const INTERLINK_PING_SUCCESSFUL = 'InterlinkPingSuccessful';
export const INTERLINK_PING_FAILED = 'InterlinkPingFailed';

/** Extended resources the virtual kubelet advertises only when non-zero (interLink pkg/virtualkubelet/virtualkubelet.go). */
export const ACCELERATOR_RESOURCES = ['nvidia.com/gpu', 'amd.com/gpu', 'intel.com/gpu', 'xilinx.com/fpga', 'intel.com/fpga'] as const;
export type AcceleratorResource = (typeof ACCELERATOR_RESOURCES)[number];

/** Pod annotations read by the Slurm plugin, current spelling (plugin 0.3+; pkg/slurm/prepare.go). */
export const SLURM_ANNOTATIONS = {
  flags: 'slurm-job.vk.io/flags',
  preExec: 'slurm-job.vk.io/pre-exec',
  singularityMounts: 'slurm-job.vk.io/singularity-mounts',
  singularityOptions: 'slurm-job.vk.io/singularity-options',
  imageRoot: 'slurm-job.vk.io/image-root',
  flavor: 'slurm-job.vk.io/flavor',
  enrootMounts: 'slurm-job.vk.io/enroot-mounts',
  enrootOptions: 'slurm-job.vk.io/enroot-options',
  /** Words put between `mpiexec -np $SLURM_NTASKS` and the container command (0.6.1+). */
  mpiFlags: 'slurm-job.vk.io/mpi-flags',
} as const;

/**
 * The same annotations before plugin 0.3 (May 2024). OSCAR's docs still show these and its
 * own interLink example sets both spellings, so we read both. Plugin 0.6.1 reads only the
 * current `slurm-job.vk.io/pre-exec`.
 */
export const LEGACY_SLURM_ANNOTATIONS = {
  singularityMounts: 'job.vk.io/singularity-mounts',
  preExec: 'job.vk.io/pre-exec',
} as const;

/** Pod annotation where the virtual kubelet records the Slurm job id (interLink pkg/virtualkubelet/execute.go). */
export const SLURM_JOB_ID_ANNOTATION = 'JobID';

/** Labels OSCAR puts on the Jobs it creates for a service (OSCAR pkg/types/interlink.go). */
export const OSCAR_LABELS = {
  service: 'oscar_service',
  jobOwner: 'oscar.grycap/job-owner',
} as const;

/**
 * Annotations Offload writes on a Job it cancels (by suspending it). Suspending clears the
 * Job's start time and deletes the pod, which carried the Slurm job id, so what is known
 * at that moment is kept on the Job: it stays the record of what ran.
 */
export const OFFLOAD_CANCEL_ANNOTATIONS = {
  by: 'offload.io/cancelled-by',
  at: 'offload.io/cancelled-at',
  slurmJobId: 'offload.io/slurm-job-id',
  startedAt: 'offload.io/started-at',
} as const;

/**
 * Which of Offload's APIs created a Job, when it was not the dashboard or /api: `oscar-api`
 * for its OSCAR-compatible API (oscar-cli and other OSCAR clients), so the job page can say so.
 */
export const OFFLOAD_CREATED_VIA_ANNOTATION = 'offload.io/created-via';
export const CREATED_VIA_OSCAR_API = 'oscar-api';
