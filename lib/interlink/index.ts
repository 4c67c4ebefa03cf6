// The pure domain core: no I/O, no run-time dependency. See docs/architecture.md.
export * from './keys';
export * from './types';
export * from './node-kind';
export * from './ping';
export * from './node-health';
export * from './offloaded';
export * from './slurm-flags';
export * from './job-state';
export { currentPod } from './pod-signals';
