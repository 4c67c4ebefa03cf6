// The lab as the dashboard's tests use it, on top of the lab's own test helpers
// (lab/test/lab.ts: kubectl as a user, lab.sh commands).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { LAB, kubectlOk, lab, uniqueName, type User } from '../../lab/test/lab.ts';

export function userToken(user: User): string {
  return readFileSync(path.join(LAB, 'users', `${user}.token`), 'utf8').trim();
}

/** A valid token of a ServiceAccount in namespace alice that has no permission on nodes. */
export async function tokenWithoutNodeAccess(): Promise<string> {
  await kubectlOk('admin', ['apply', '-f', '-'], 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: offload-test-no-nodes, namespace: alice}\n');
  return (await kubectlOk('admin', ['-n', 'alice', 'create', 'token', 'offload-test-no-nodes', '--duration=10m'])).trim();
}

/** `lab.sh stop|start <component>` (what `npm run lab -- stop vega-vk-plugin` runs). */
export async function labComponent(action: 'stop' | 'start', component: string): Promise<void> {
  const r = await lab([action, component]);
  if (r.code !== 0) throw new Error(`lab ${action} ${component} failed: ${r.stderr}`);
}

/** An offloaded batch/v1 Job created as alice (shaped as OSCAR shapes one); returns its name. */
export async function createOffloadedJob(prefix: string, node = 'vega-vk'): Promise<string> {
  const name = uniqueName(prefix);
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'alice' },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: 300,
      template: {
        spec: {
          nodeSelector: { 'kubernetes.io/hostname': node },
          tolerations: [{ key: 'virtual-node.interlink/no-schedule', operator: 'Exists' }],
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'docker://x', command: ['/bin/sh', '-c', 'echo hi'] }],
        },
      },
    },
  };
  await kubectlOk('alice', ['create', '-f', '-'], JSON.stringify(job));
  return name;
}

export async function deleteJob(name: string): Promise<void> {
  await kubectlOk('alice', ['-n', 'alice', 'delete', 'job', name, '--wait=false', '--ignore-not-found']);
}
