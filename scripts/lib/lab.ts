// The lab as the dashboard's tests use it, on top of the lab's own test helpers
// (scripts/lib/lab-commands.ts: kubectl as a user, lab.sh commands).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { LAB, kubectlOk, lab, uniqueName, type User } from './lab-commands.ts';

export function userToken(user: User): string {
  return readFileSync(path.join(LAB, 'users', `${user}.token`), 'utf8').trim();
}

/** A valid token of a ServiceAccount in namespace alice that has no permission on nodes. */
export async function tokenWithoutNodeAccess(): Promise<string> {
  await kubectlOk(
    'admin',
    ['apply', '-f', '-'],
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: offload-test-no-nodes, namespace: alice}\n',
  );
  return (await kubectlOk('admin', ['-n', 'alice', 'create', 'token', 'offload-test-no-nodes', '--duration=10m'])).trim();
}

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** A ServiceAccount in `namespace` allowed exactly `rules` there (a Role of the same name); returns a token of it. */
export async function serviceAccountWith(name: string, namespace: string, rules: Rule[]): Promise<string> {
  const meta = { name, namespace };
  const items = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
  await kubectlOk('admin', ['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  return (await kubectlOk('admin', ['-n', namespace, 'create', 'token', name, '--duration=10m'])).trim();
}

export async function removeServiceAccount(name: string, namespace: string): Promise<void> {
  await kubectlOk('admin', ['-n', namespace, 'delete', 'serviceaccount,role,rolebinding', name, '--ignore-not-found']);
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
