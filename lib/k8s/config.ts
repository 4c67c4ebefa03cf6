import 'server-only';

import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';

import pkg from '@/package.json';

// Where the server's connection to the cluster comes from: $KUBECONFIG, else the lab's
// kubeconfig ($OFFLOAD_LAB_DIR/kubeconfig, else .lab/kubeconfig at the repo root), else the
// in-cluster service account.
// Also builds per-user connections that carry exactly a caller's bearer token.

/**
 * Sent on every request, so the dashboard's share of the API server's work can be counted
 * in its audit log. The instance part tells replicas (and test servers) apart.
 */
export const USER_AGENT = `offload-dashboard/${pkg.version} (${process.env.OFFLOAD_INSTANCE_ID ?? `${hostname()}-${process.pid}`})`;

export interface Connection {
  kc: KubeConfig;
  /** API server URL, for messages. */
  server: string;
  /** Where the credentials came from, for logs and readiness messages. */
  source: string;
}

export type ConfigSource =
  { kind: 'file'; path: string; from: 'KUBECONFIG' | 'lab' } | { kind: 'in-cluster'; root: string } | { kind: 'none'; looked: string };

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Pure choice of the config source; `exists` and `startDir` are injected for tests. */
export function chooseConfigSource(
  env: Readonly<Record<string, string | undefined>>,
  exists: (path: string) => boolean,
  startDir: string,
): ConfigSource {
  const fromEnv = (env.KUBECONFIG ?? '').split(':').filter((p) => p !== '');
  const first = fromEnv.find(exists) ?? fromEnv[0];
  if (first !== undefined) return { kind: 'file', path: first, from: 'KUBECONFIG' };
  // A lab named by OFFLOAD_LAB_DIR (lab/lab.sh; npm test's own lab when .lab is in use) is
  // the only one: falling back to .lab would reach the lab somebody else is using.
  const labDir = env.OFFLOAD_LAB_DIR ?? '';
  if (labDir !== '') {
    const lab = join(resolve(startDir, labDir), 'kubeconfig');
    if (exists(lab)) return { kind: 'file', path: lab, from: 'lab' };
  } else {
    // The standalone server runs from .next/standalone, so look upwards for the repo root.
    for (let dir = startDir; ; dir = dirname(dir)) {
      const lab = join(dir, '.lab', 'kubeconfig');
      if (exists(lab)) return { kind: 'file', path: lab, from: 'lab' };
      if (dirname(dir) === dir) break;
    }
  }
  // OFFLOAD_SERVICEACCOUNT_ROOT prefixes the mounted service-account files: only tests
  // that run the production server "in cluster" outside a pod need it.
  const root = env.OFFLOAD_SERVICEACCOUNT_ROOT ?? '';
  if (env.KUBERNETES_SERVICE_HOST && exists(`${root}${SERVICE_ACCOUNT_TOKEN}`)) return { kind: 'in-cluster', root };
  const labLooked =
    labDir !== '' ? `$OFFLOAD_LAB_DIR/kubeconfig (${join(resolve(startDir, labDir), 'kubeconfig')})` : `.lab/kubeconfig above ${startDir}`;
  return { kind: 'none', looked: `$KUBECONFIG (unset), ${labLooked}, and the in-cluster service account` };
}

/** The server's own connection. Throws Error with a sentence when no configuration exists. */
export function loadServerConnection(): Connection {
  const source = chooseConfigSource(process.env, existsSync, process.cwd());
  const kc = new KubeConfig();
  if (source.kind === 'none') throw new Error(`No cluster configuration found; looked at ${source.looked}.`);
  if (source.kind === 'in-cluster') kc.loadFromCluster(source.root);
  else kc.loadFromFile(source.path);
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('The cluster configuration names no current cluster.');
  const label = source.kind === 'in-cluster' ? 'in-cluster service account' : `${source.path} (from ${source.from})`;
  return { kc, server: cluster.server, source: label };
}

/** A connection to the same cluster acting exactly as the holder of `token`, and nothing more. */
export function userConnection(server: Connection, token: string): Connection {
  const cluster = server.kc.getCurrentCluster();
  if (cluster === null) throw new Error('The cluster configuration names no current cluster.');
  const kc = new KubeConfig();
  // Only the cluster (URL, CA) is shared: never the server's own client certificate or token.
  kc.loadFromClusterAndUser(cluster, { name: 'bearer', token });
  return { kc, server: server.server, source: 'bearer token' };
}
