// Jobs shaped like the ones OSCAR creates for a service with `interlink_node_name`.

export interface OffloadedJobSpec {
  name: string;
  namespace: string;
  node: string;
  flags: string;
  script: string;
  preExec?: string;
  mounts?: string;
  env?: Record<string, string>;
}

export function offloadedJob(s: OffloadedJobSpec): string {
  const annotations: Record<string, string> = { 'slurm-job.vk.io/flags': s.flags };
  if (s.preExec !== undefined) annotations['slurm-job.vk.io/pre-exec'] = s.preExec;
  if (s.mounts !== undefined) annotations['slurm-job.vk.io/singularity-mounts'] = s.mounts;
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${s.name}-script`, namespace: s.namespace },
    data: { 'script.sh': s.script },
  };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: s.name, namespace: s.namespace, annotations, labels: { oscar_service: s.name } },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations, labels: { oscar_service: s.name } },
        spec: {
          restartPolicy: 'Never',
          nodeSelector: { 'kubernetes.io/hostname': s.node },
          tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }],
          containers: [
            {
              name: 'main',
              image: 'docker://ghcr.io/grycap/oscar-lab-check:1.0',
              command: ['/bin/sh', '/oscar/config/script.sh'],
              env: Object.entries(s.env ?? {}).map(([name, value]) => ({ name, value })),
              volumeMounts: [{ name: 'script', mountPath: '/oscar/config', readOnly: true }],
            },
          ],
          volumes: [{ name: 'script', configMap: { name: `${s.name}-script` } }],
        },
      },
    },
  };
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [configMap, job] });
}
