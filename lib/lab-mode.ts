import 'server-only';

// OFFLOAD_LAB=1: this server runs against the local lab (scripts/start.sh sets it when it
// uses the lab's kubeconfig; docs/operations.md). Only lab-only notes follow from it: the
// sign-in page names the lab's people, the composer says what the lab will do with a service.
export function onLab(): boolean {
  return process.env.OFFLOAD_LAB === '1';
}
