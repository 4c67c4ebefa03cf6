import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LAB, ROOT, getJson, kubectl, kubectlOk, tempDir } from '../../scripts/lib/lab-commands.ts';

// The Helm chart against the lab: lint, render, a server-side dry run, then a real install
// whose pods land on the simulated worker-1 (kwok runs no containers, so this checks what
// the API server accepts and schedules, not the image).
const run = promisify(execFile);
const HELM = path.join(LAB, 'bin', 'helm');
const CHART = path.join(ROOT, 'deploy', 'chart');
const NS = 'offload-chart-test';
const env = {
  ...process.env,
  KUBECONFIG: path.join(LAB, 'kubeconfig'),
  HELM_CACHE_HOME: path.join(LAB, 'helm', 'cache'),
  HELM_CONFIG_HOME: path.join(LAB, 'helm', 'config'),
  HELM_DATA_HOME: path.join(LAB, 'helm', 'data'),
};
const helm = (args: string[]) => run(HELM, args, { env, maxBuffer: 16 * 1024 * 1024 });

/** `helm template` of the chart in NS with `--set key=value` for each value; the rendered YAML. */
async function render(values: Record<string, string> = {}, o: { release?: string; showOnly?: string } = {}): Promise<string> {
  const show = o.showOnly === undefined ? [] : ['--show-only', o.showOnly];
  const sets = Object.entries(values).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
  return (await helm(['template', o.release ?? 'offload', CHART, '-n', NS, ...show, ...sets])).stdout;
}

/** The first rendered document of a kind (without its apiVersion line, which comes before). */
const docOf = (kind: string, yaml: string) => new RegExp(`kind: ${kind}\\n[\\s\\S]*?(?=\\n---|$)`).exec(yaml)?.[0] ?? '';

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
    const stdout = await render({
      'ingress.enabled': 'true',
      'oidc.issuerUrl': 'https://idp.example.org',
      'oidc.caConfigMap': 'site-ca',
      'rbac.exampleRoles': 'true',
    });
    for (const kind of [
      'Deployment',
      'Service',
      'Ingress',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Secret',
      'NetworkPolicy',
      'Role',
      'RoleBinding',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
    ]) {
      expect(stdout).toContain(`kind: ${kind}`);
    }
    // Sign-in settings reach the server; the example roles come along when asked for.
    expect(stdout).toContain('value: "https://offload.example.org"');
    expect(stdout).toContain('OFFLOAD_OIDC_CA_FILE');
    for (const role of ['offload:researcher', 'offload:node-viewer', 'offload:admin']) expect(stdout).toContain(`name: ${role}`);
    // Node events live in "default" (templates/rbac.yaml), so that Role and binding go there.
    const docs = stdout.split(/^---$/m);
    const inDefault = (d: string) => /^\s+namespace: default$/m.test(d);
    const out = await kubectlOk(
      'admin',
      ['apply', '--dry-run=server', '-n', NS, '-f', '-'],
      docs.filter((d) => !inDefault(d)).join('\n---\n'),
    );
    expect(out).toContain('deployment.apps/offload created (server dry run)');
    const nodeEvents = await kubectlOk('admin', ['apply', '--dry-run=server', '-f', '-'], docs.filter(inDefault).join('\n---\n'));
    expect(nodeEvents).toContain('offload-node-events created (server dry run)');
  });

  it('renders the same twice: no random session key, which the init container makes once instead', async () => {
    const once = await render();
    expect(await render()).toBe(once);
    const secret = docOf('Secret', once);
    expect(secret).toContain('oidc-client-secret');
    expect(secret).not.toContain('session-secret:');
    expect(once).toMatch(/name: OFFLOAD_SESSION_SECRET\n\s+valueFrom: \{secretKeyRef: \{name: offload-session, key: session-secret\}\}/);
    expect(once).toContain('- name: session-secret');
    // A key given as a value, or an existing Secret, needs no init container.
    const given = await render({ 'session.secret': 'a-site-key-of-at-least-32-characters' });
    expect(given).not.toContain('- name: session-secret');
    expect(given).toContain(`session-secret: "${Buffer.from('a-site-key-of-at-least-32-characters').toString('base64')}"`);
  });

  it("makes the session Secret once with the init container's script and the chart's Role", async () => {
    const sa = 'session-maker';
    await kubectlOk('admin', ['create', 'serviceaccount', sa, '-n', NS]);
    // Only the namespace's Role and binding, under another release's name than the install below.
    const rbac = await render(
      { 'serviceAccount.create': 'false', 'serviceAccount.name': sa },
      { release: 'session-test', showOnly: 'templates/rbac.yaml' },
    );
    const namespaced = rbac.split(/^---$/m).filter((d) => /^kind: (Role|RoleBinding)$/m.test(d) && !/^\s+namespace: default$/m.test(d));
    expect(namespaced).toHaveLength(2);
    await kubectlOk('admin', ['apply', '-n', NS, '-f', '-'], namespaced.join('\n---\n'));
    const root = tempDir('offload-sa-');
    const dir = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'token'), (await kubectlOk('admin', ['create', 'token', sa, '-n', NS])).trim());
    writeFileSync(path.join(dir, 'namespace'), NS);
    cpSync(path.join(LAB, 'pki', 'ca.crt'), path.join(dir, 'ca.crt'));
    const apiServer = new URL(/server: (\S+)/.exec(readFileSync(path.join(LAB, 'kubeconfig'), 'utf8'))?.[1] ?? '');
    const script = readFileSync(path.join(CHART, 'files', 'session-secret.js'), 'utf8');
    const make = () =>
      run(path.join(ROOT, 'node_modules', '.bin', 'node'), ['--input-type=module', '-e', script], {
        env: {
          ...process.env,
          OFFLOAD_SERVICEACCOUNT_ROOT: root,
          SESSION_SECRET_NAME: 'offload-session',
          KUBERNETES_SERVICE_HOST: apiServer.hostname,
          KUBERNETES_SERVICE_PORT: apiServer.port,
        },
      });
    expect((await make()).stdout).toContain(`created Secret ${NS}/offload-session`);
    const key = await kubectlOk('admin', ['get', 'secret', 'offload-session', '-n', NS, '-o', 'jsonpath={.data.session-secret}']);
    expect(Buffer.from(key, 'base64').toString().length).toBeGreaterThanOrEqual(32);
    expect((await make()).stdout).toContain('exists: kept');
    expect(await kubectlOk('admin', ['get', 'secret', 'offload-session', '-n', NS, '-o', 'jsonpath={.data.session-secret}'])).toBe(key);
  });

  it('has a NetworkPolicy the API server accepts, and /metrics on a Service port of its own that the Ingress does not route', async () => {
    const stdout = await render({
      'ingress.enabled': 'true',
      'oidc.issuerUrl': 'https://idp.example.org',
      'networkPolicy.apiServer.cidrs': '{10.96.0.1/32}',
      'networkPolicy.oidc.cidrs': '{192.0.2.10/32}',
    });
    const policy = docOf('NetworkPolicy', stdout);
    const out = await kubectlOk('admin', ['apply', '--dry-run=server', '-n', NS, '-f', '-'], `apiVersion: networking.k8s.io/v1\n${policy}`);
    expect(out).toContain('networkpolicy.networking.k8s.io/offload created (server dry run)');
    expect(policy).toContain('- {port: metrics, protocol: TCP}');
    expect(policy).toContain('cidr: "10.96.0.1/32"');
    expect(policy).toContain('cidr: "192.0.2.10/32"');
    const service = docOf('Service', stdout);
    expect(service).toMatch(/- name: metrics\n\s+port: 9464\n\s+targetPort: metrics/);
    const ingress = docOf('Ingress', stdout);
    expect(ingress).toContain('port: {name: http}');
    expect(ingress).not.toContain('metrics');
    expect(stdout).toContain('- {name: OFFLOAD_METRICS_PORT, value: "9464"}');
  });

  it('installs for real: non-root, read-only root, probes, pods scheduled on worker-1', async () => {
    // The lab runs deploy/admission's policy already, under the names this release would give it.
    await helm(['install', 'offload', CHART, '-n', NS, '--wait', '--timeout', '3m', '--set', 'admissionPolicy.enabled=false']);
    const dep = await getJson<{
      status: { readyReplicas?: number };
      spec: {
        template: {
          spec: {
            securityContext: { runAsNonRoot: boolean };
            containers: {
              securityContext: { readOnlyRootFilesystem: boolean };
              livenessProbe: { httpGet: { path: string } };
              readinessProbe: { httpGet: { path: string } };
            }[];
          };
        };
      };
    }>('admin', ['get', 'deployment', 'offload', '-n', NS]);
    expect(dep.status.readyReplicas).toBe(2);
    const pod = dep.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.containers[0]?.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0]?.livenessProbe.httpGet.path).toBe('/api/healthz');
    expect(pod.containers[0]?.readinessProbe.httpGet.path).toBe('/api/readyz');
    const pods = await getJson<{ items: { spec: { nodeName?: string } }[] }>('admin', [
      'get',
      'pods',
      '-n',
      NS,
      '-l',
      'app.kubernetes.io/name=offload',
    ]);
    expect(pods.items.map((p) => p.spec.nodeName)).toEqual(['worker-1', 'worker-1']);
    // An upgrade renders nothing new (no random key), so the pods are not rolled for it.
    const generation = async () => kubectlOk('admin', ['get', 'deployment', 'offload', '-n', NS, '-o', 'jsonpath={.metadata.generation}']);
    const before = await generation();
    await helm(['upgrade', 'offload', CHART, '-n', NS, '--reuse-values']);
    expect(await generation()).toBe(before);
  });
});
