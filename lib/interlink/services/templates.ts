import type { ServiceForm } from './service-form-model';

// Starting points for the composer: pure data. The itwinai 3DGAN ones follow interTwin's
// OSCAR + interLink example: a GPU partition, a data directory bound at
// /exp_data, and either the registry image or a .sif pulled by the pre-exec.

export interface ServiceTemplate {
  id: string;
  title: string;
  description: string;
  /** Everything but where it runs; all templates are meant for a virtual node. */
  form: Omit<ServiceForm, 'namespace' | 'target'>;
  /**
   * Commands the script takes from the image, beyond a POSIX shell's: with the rest of the
   * form, what the template needs from the HPC side (hpc-needs.ts).
   */
  imageCommands: readonly string[];
}

const ITWINAI_IMAGE = 'docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2';
const ITWINAI_SIF = '/tmp/itwinai.sif';

const common = {
  cpu: '',
  memory: '',
  enableGpu: false,
  logLevel: '',
  vo: '',
  visibility: 'private',
  allowedUsers: [],
  singularityOptions: '',
  preExec: '',
  legacyAnnotations: true,
  secrets: [],
  labels: [],
  annotations: [],
} as const satisfies Partial<ServiceForm>;

const itwinaiScript = `#!/bin/sh
# itwinai 3DGAN inference (interTwin) on a Slurm GPU partition.
# The HPC data directory is bound at /exp_data (see Mounts); write results there.
# Everything else is read-only but /tmp, where the job starts: use absolute paths.
set -e
itwinai exec-pipeline --config "$PIPELINE_CONFIG" --pipe-key inference_pipeline
`;

const itwinai = {
  ...common,
  name: 'itwinai-3dgan',
  image: ITWINAI_IMAGE,
  script: itwinaiScript,
  slurm: { partition: 'gpu', gres: 'gpu:1', cpusPerTask: 4, mem: '100G', ntasksPerNode: 1, nodes: 1, extra: [] },
  mounts: [{ hostPath: '/shared/3dgan-data', containerPath: '/exp_data', readOnly: false }],
  env: [{ key: 'PIPELINE_CONFIG', value: '/exp_data/inference-pipeline.yaml' }],
} satisfies ServiceTemplate['form'];

export const SERVICE_TEMPLATES: readonly ServiceTemplate[] = [
  {
    id: 'itwinai-3dgan',
    title: 'itwinai 3DGAN inference (GPU)',
    description: 'Runs the itwinai 3DGAN inference pipeline from the registry image on one GPU; change the data directory to yours.',
    form: itwinai,
    imageCommands: ['itwinai'],
  },
  {
    id: 'itwinai-3dgan-sif',
    title: 'itwinai 3DGAN inference from a .sif (GPU)',
    description: 'The same, with the image pulled once into a .sif file on the compute node by the pre-exec.',
    form: {
      ...itwinai,
      name: 'itwinai-3dgan-sif',
      image: ITWINAI_SIF,
      preExec: `test -f ${ITWINAI_SIF} || singularity pull ${ITWINAI_SIF} ${ITWINAI_IMAGE}`,
    },
    imageCommands: ['itwinai'],
  },
  {
    id: 'hello-hpc',
    title: 'Hello HPC',
    description: 'A job of at most five minutes on one CPU that says where it ran: it runs anywhere.',
    form: {
      ...common,
      name: 'hello-hpc',
      image: 'docker://alpine:3.20',
      script: '#!/bin/sh\necho "$GREETING from $(hostname), in $(pwd); CPUs: $(nproc)"\n',
      slurm: { jobName: 'hello-hpc', time: '00:05:00', cpusPerTask: 1, mem: '512M', extra: [] },
      mounts: [],
      env: [{ key: 'GREETING', value: 'Hello HPC' }],
    },
    imageCommands: [],
  },
];

/** A template as a form for `namespace`, running on the virtual node `target`. */
export function formFromTemplate(template: ServiceTemplate, namespace: string, target: string): ServiceForm {
  const f = template.form;
  return {
    ...f,
    namespace,
    target,
    allowedUsers: [...f.allowedUsers],
    slurm: { ...f.slurm, extra: f.slurm.extra.map((e) => ({ ...e })) },
    mounts: f.mounts.map((m) => ({ ...m })),
    env: f.env.map((r) => ({ ...r })),
    secrets: f.secrets.map((r) => ({ ...r })),
    labels: f.labels.map((r) => ({ ...r })),
    annotations: f.annotations.map((r) => ({ ...r })),
  };
}
