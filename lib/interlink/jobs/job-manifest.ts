// The shapes of the objects a run creates: a batch/v1 Job plus the ConfigMap (script and
// prelude) and Secret it mounts. Subsets of the Kubernetes API types, written out so the
// pure core needs no client library; `Job` (types.ts) reads them as well.

export type Labels = Record<string, string>;

export interface ManifestMeta {
  name: string;
  namespace: string;
  labels: Labels;
  annotations?: Labels;
}

export interface EnvVarManifest {
  name: string;
  value: string;
}

export interface VolumeMountManifest {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

export interface ContainerManifest {
  name: string;
  image: string;
  command: string[];
  args?: string[];
  workingDir: string;
  env: EnvVarManifest[];
  volumeMounts: VolumeMountManifest[];
  resources?: { requests?: Labels; limits?: Labels };
}

export interface VolumeManifest {
  name: string;
  configMap?: { name: string; optional?: boolean };
  secret?: { secretName: string; optional?: boolean };
  emptyDir?: Record<string, never>;
  hostPath?: { path: string };
}

export interface PodTemplateManifest {
  metadata: { labels: Labels; annotations: Labels };
  spec: {
    restartPolicy: 'Never';
    nodeSelector?: Labels;
    tolerations?: Array<{ key: string; operator: 'Exists' }>;
    automountServiceAccountToken?: false;
    containers: ContainerManifest[];
    volumes: VolumeManifest[];
  };
}

export interface JobManifest {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: ManifestMeta & { annotations: Labels };
  spec: {
    backoffLimit: number;
    ttlSecondsAfterFinished: number;
    template: PodTemplateManifest;
  };
}

export interface ConfigMapManifest {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ManifestMeta;
  data: Record<string, string>;
}

export interface SecretManifest {
  apiVersion: 'v1';
  kind: 'Secret';
  type: 'Opaque';
  metadata: ManifestMeta;
  /** Base64 of each value's UTF-8 bytes, as Kubernetes stores Secret data. */
  data: Record<string, string>;
}
