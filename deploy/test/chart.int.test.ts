import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LAB, ROOT, getJson, kubectl, kubectlOk } from '@/lab/test/lab';

// The Helm chart against the lab: lint, render, a server-side dry run, then a real install
// whose pods land on the simulated worker-1 (kwok runs no containers, so this checks what
// the API server accepts and schedules, not the image).
const run = promisify(execFile);
const HELM = path.join(LAB, 'bin', 'helm');
const CHART = path.join(ROOT, 'deploy', 'chart');
const NS = 'offload-chart-test';
const env = { ...process.env, KUBECONFIG: path.join(LAB, 'kubeconfig'), HELM_CACHE_HOME: path.join(LAB, 'helm', 'cache'), HELM_CONFIG_HOME: path.join(LAB, 'helm', 'config'), HELM_DATA_HOME: path.join(LAB, 'helm', 'data') };
const helm = (args: string[]) => run(HELM, args, { env, maxBuffer: 16 * 1024 * 1024 });

describe('Helm chart', () => {
  beforeAll(async () => {
    await kubectl('admin', ['create', 'namespace', NS]);
  });
  afterAll(async () => {
    await helm(['uninstall', 'offload', '-n', NS]).catch(() => undefined);
    await kubectl('admin', ['delete', 'namespace', NS, '--wait=false']);
  });

  it('passes helm lint', async () => {
    const { stdout } = await helm(['lint', CHART, '--strict']);
    expect(stdout).toContain('0 chart(s) failed');
  });

  it('renders manifests the API server accepts (server-side dry run), ingress included', async () => {
    const { stdout } = await helm(['template', 'offload', CHART, '-n', NS, '--set', 'ingress.enabled=true', '--set', 'oidc.issuerUrl=https://idp.example.org',
      '--set', 'oidc.caConfigMap=site-ca', '--set', 'rbac.exampleRoles=true']);
    for (const kind of ['Deployment', 'Service', 'Ingress', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Secret']) {
      expect(stdout).toContain(`kind: ${kind}`);
    }
    // Sign-in settings reach the server; the example roles come along when asked for.
    expect(stdout).toContain('value: "https://offload.example.org"');
    expect(stdout).toContain('OFFLOAD_OIDC_CA_FILE');
    for (const role of ['offload:researcher', 'offload:node-viewer', 'offload:admin']) expect(stdout).toContain(`name: ${role}`);
    const out = await kubectlOk('admin', ['apply', '--dry-run=server', '-n', NS, '-f', '-'], stdout);
    expect(out).toContain('deployment.apps/offload created (server dry run)');
  });

  it('installs for real: non-root, read-only root, probes, pods scheduled on worker-1', async () => {
    await helm(['install', 'offload', CHART, '-n', NS, '--wait', '--timeout', '3m']);
    const dep = await getJson<{
      status: { readyReplicas?: number };
      spec: { template: { spec: { securityContext: { runAsNonRoot: boolean }; containers: { securityContext: { readOnlyRootFilesystem: boolean }; livenessProbe: { httpGet: { path: string } }; readinessProbe: { httpGet: { path: string } } }[] } } };
    }>('admin', ['get', 'deployment', 'offload', '-n', NS]);
    expect(dep.status.readyReplicas).toBe(2);
    const pod = dep.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.containers[0]?.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0]?.livenessProbe.httpGet.path).toBe('/api/healthz');
    expect(pod.containers[0]?.readinessProbe.httpGet.path).toBe('/api/readyz');
    const pods = await getJson<{ items: { spec: { nodeName?: string } }[] }>('admin', ['get', 'pods', '-n', NS, '-l', 'app.kubernetes.io/name=offload']);
    expect(pods.items.map((p) => p.spec.nodeName)).toEqual(['worker-1', 'worker-1']);
    // The generated session secret survives an upgrade (sessions outlive a rollout).
    const before = await kubectlOk('admin', ['get', 'secret', 'offload', '-n', NS, '-o', 'jsonpath={.data.session-secret}']);
    await helm(['upgrade', 'offload', CHART, '-n', NS, '--reuse-values']);
    const after = await kubectlOk('admin', ['get', 'secret', 'offload', '-n', NS, '-o', 'jsonpath={.data.session-secret}']);
    expect(after).toBe(before);
    expect(before.length).toBeGreaterThan(40);
  });
});
