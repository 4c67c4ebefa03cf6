// The people of the soak: the lab's admin, alice and bob, and researchers that are
// ServiceAccounts in alice's namespace allowed to read her jobs (a room full of people, so
// no one exceeds the per-person stream cap). Each has a bearer token; cookie sessions are
// made from them through the sign-in endpoint, as the sign-in page does.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { LAB } from '../cluster.ts';

const run = promisify(execFile);
export const SOAK_NAMESPACE = 'alice';
const ROLE = 'offload-soak-reader';
const SOAK_LABEL = { 'offload.io/soak': 'true' };

export interface Person {
  name: string;
  token: string;
}

export function kubectl(args: string[], input?: string): Promise<string> {
  const child = run(path.join(LAB, 'bin', 'kubectl'), ['--kubeconfig', path.join(LAB, 'kubeconfig'), '--request-timeout=20s', ...args], {
    maxBuffer: 256 * 1024 * 1024,
  });
  if (input !== undefined) child.child.stdin?.end(input);
  return child.then((r) => r.stdout);
}

const labToken = (user: string) => readFileSync(path.join(LAB, 'users', `${user}.token`), 'utf8').trim();

export async function soakPeople(researchers: number): Promise<Person[]> {
  const names = Array.from({ length: researchers }, (_, i) => `soak-researcher-${String(i + 1).padStart(2, '0')}`);
  const meta = { name: ROLE, namespace: SOAK_NAMESPACE };
  const items: unknown[] = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta,
      rules: [{ apiGroups: ['', 'batch'], resources: ['pods', 'pods/log', 'jobs', 'events'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: ROLE },
      subjects: names.map((name) => ({ kind: 'ServiceAccount', name, namespace: SOAK_NAMESPACE })),
    },
    // Researchers read nodes as the lab's researchers do (lab/manifests/rbac.yaml).
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: ROLE, labels: SOAK_LABEL },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'offload-lab:node-reader' },
      subjects: names.map((name) => ({ kind: 'ServiceAccount', name, namespace: SOAK_NAMESPACE })),
    },
    ...names.map((name) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: SOAK_NAMESPACE, labels: SOAK_LABEL },
    })),
  ];
  await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const people: Person[] = ['admin', 'alice', 'bob'].map((name) => ({ name, token: labToken(name) }));
  for (const name of names)
    people.push({ name, token: (await kubectl(['-n', SOAK_NAMESPACE, 'create', 'token', name, '--duration=2h'])).trim() });
  return people;
}

export async function removeSoakPeople(): Promise<void> {
  await kubectl([
    '-n',
    SOAK_NAMESPACE,
    'delete',
    'serviceaccount',
    '-l',
    'offload.io/soak=true',
    '--ignore-not-found',
    '--wait=false',
  ]).catch(() => '');
  await kubectl(['-n', SOAK_NAMESPACE, 'delete', 'role,rolebinding', ROLE, '--ignore-not-found', '--wait=false']).catch(() => '');
  await kubectl(['delete', 'clusterrolebinding', ROLE, '--ignore-not-found', '--wait=false']).catch(() => '');
}
