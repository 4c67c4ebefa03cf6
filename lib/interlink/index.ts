// The pure domain core: no I/O, no run-time dependency. See docs/architecture.md.
export * from './keys';
export * from './types';
export * from './node-kind';
export * from './ping';
export * from './sinfo';
export * from './slurm-time';
export * from './node-health';
export * from './offloaded';
export * from './slurm-flags';
export * from './job-state';
export * from './node-jobs';
export { currentPod } from './pod-signals';
// The service composer: service (OSCAR JSON) ⇄ form, rules, Job manifest, sbatch preview.
// fdl.ts (OSCAR's FDL YAML) depends on the `yaml` package: import it from '@/lib/interlink/fdl'.
export * from './service';
export * from './service-form';
export * from './service-rules';
export * from './form-paths';
export * from './annotation-rules';
export * from './slurm-annotations';
export * from './bind-mounts';
export * from './snippets';
export * from './image-ref';
export * from './env-encoding';
export * from './shell-text';
export * from './k8s-names';
export * from './quantity';
export * from './base64';
export * from './job-manifest';
export * from './job-name';
export * from './job-builder';
export * from './sbatch-preview';
export * from './templates';
