// The benchmark's own connection to the lab (it measures the dashboard from the outside,
// and its reference — a direct LIST with client-node — must not go through lib/k8s).
import path from 'node:path';

import { BatchV1Api, CoordinationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';

import { labDir } from '../lab/state.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const LAB = labDir(ROOT);

export function labClients(kubeconfig = path.join(LAB, 'kubeconfig')) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return { kc, core: kc.makeApiClient(CoreV1Api), batch: kc.makeApiClient(BatchV1Api), coordination: kc.makeApiClient(CoordinationV1Api) };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
