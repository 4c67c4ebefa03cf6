import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LAB, ROOT, kubectl, kubectlOk, tempDir } from '../../scripts/lib/lab-commands.ts';
import { oidcConfig } from '../../scripts/lib/oidc.ts';
import { oidcSession, sessionFetch, tokenSession } from '../../scripts/lib/browser-session.ts';
import { mainJourney } from '../../scripts/lib/journey.ts';
import { freePort, startOffload } from '../../scripts/lib/offload-server.ts';

// The production server as the chart's container runs it (its `command`, in the standalone
// folder, configured only by environment and mounted files), outside the repository so it
// cannot find the lab's kubeconfig, with in-cluster configuration: the chart's own service
// account token and CA, and KUBERNETES_SERVICE_HOST/PORT pointing at the lab.
const NS = 'offload-incluster';
const SA = 'offload';
const apiServer = new URL(/server: (\S+)/.exec(readFileSync(path.join(LAB, 'kubeconfig'), 'utf8'))?.[1] ?? '');

let server: ChildProcess | undefined;
let url = '';
let output = '';

async function waitReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (
      await fetch(`${url}/api/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not ready in time: ${output.slice(-3000)}`);
}

/** The container's command in the chart's Deployment (`["node", …]`), so the test runs what the chart runs. */
function chartCommand(): string[] {
  const template = readFileSync(path.join(ROOT, 'deploy', 'chart', 'templates', 'deployment.yaml'), 'utf8');
  const line = /^\s*command: (\[.*server\.js.*\])\s*$/m.exec(template)?.[1];
  if (line === undefined) throw new Error("no command: [...] line in the chart's deployment.yaml");
  return JSON.parse(line) as string[];
}

describe('production server with in-cluster configuration', () => {
  beforeAll(async () => {
    // Build (or reuse) the production bundle, exactly as npm start does.
    const built = await startOffload({ waitFor: 'healthz' });
    await built.stop();
    const app = tempDir('offload-app-');
    cpSync(path.join(ROOT, '.next', 'standalone'), app, { recursive: true });

    await kubectl('admin', ['create', 'namespace', NS]);
    await kubectl('admin', ['create', 'serviceaccount', SA, '-n', NS]);
    // Exactly the RBAC the chart gives its service account, rendered by the chart itself.
    const { stdout: rbac } = await promisify(execFile)(path.join(LAB, 'bin', 'helm'), [
      'template',
      NS,
      path.join(ROOT, 'deploy', 'chart'),
      '-n',
      NS,
      '--show-only',
      'templates/rbac.yaml',
      '--set',
      'serviceAccount.create=false',
      '--set',
      `serviceAccount.name=${SA}`,
    ]);
    await kubectlOk('admin', ['apply', '-f', '-'], rbac);
    const token = (await kubectlOk('admin', ['create', 'token', SA, '-n', NS, '--duration=2h'])).trim();

    const saRoot = tempDir('offload-sa-');
    const saDir = path.join(saRoot, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(saDir, { recursive: true });
    writeFileSync(path.join(saDir, 'token'), token);
    writeFileSync(path.join(saDir, 'namespace'), NS);
    cpSync(path.join(LAB, 'pki', 'ca.crt'), path.join(saDir, 'ca.crt'));

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      KUBERNETES_SERVICE_HOST: apiServer.hostname,
      KUBERNETES_SERVICE_PORT: apiServer.port,
      OFFLOAD_SERVICEACCOUNT_ROOT: saRoot,
      OFFLOAD_INSTANCE_ID: `in-cluster-${port}`,
      OFFLOAD_METRICS_PORT: String(await freePort()),
      // Sign-in as the chart configures it: the site's OIDC provider, a session secret.
      OFFLOAD_SESSION_SECRET: 'in-cluster-test-session-secret-0123456789',
      OFFLOAD_OIDC_ISSUER_URL: oidcConfig().issuer,
      OFFLOAD_OIDC_CLIENT_ID: oidcConfig().clientId,
      OFFLOAD_OIDC_CLIENT_SECRET: oidcConfig().clientSecret,
      OFFLOAD_OIDC_CA_FILE: path.join(LAB, 'pki', 'browser-ca.crt'),
    };
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'node'), chartCommand().slice(1), { cwd: app, env, stdio: 'pipe' });
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    server = child;
    await waitReady();
  });

  afterAll(async () => {
    server?.kill('SIGTERM');
    await kubectl('admin', ['delete', 'clusterrolebinding,clusterrole', `${NS}-cache`]);
    await kubectl('admin', ['delete', 'namespace', NS, '--wait=false']);
  });

  it('is ready on the in-cluster service account, not on a kubeconfig', async () => {
    const ready = await fetch(`${url}/api/readyz`);
    expect(ready.status).toBe(200);
    expect(output).toContain('in-cluster service account');
  });

  it('serves the virtual nodes and the live stream to a signed-in admin', async () => {
    const admin = await oidcSession(url, 'admin');
    const nodes = (await (await sessionFetch(url, admin, 'GET', '/api/nodes')).json()) as {
      virtualNodes: { name: string; ready: boolean }[];
    };
    expect(nodes.virtualNodes.map((n) => n.name).sort()).toEqual(['lumi-vk', 'vega-vk']);
    const controller = new AbortController();
    const events = await fetch(`${url}/api/events`, {
      signal: controller.signal,
      headers: { Accept: 'text/event-stream', cookie: admin.cookie },
    });
    expect(events.status).toBe(200);
    const reader = events.body?.getReader();
    const first = await reader?.read();
    controller.abort();
    expect(new TextDecoder().decode(first?.value)).toMatch(/event:|data:/);
  });

  it('acts with a bearer token exactly as that user', async () => {
    const alice = readFileSync(path.join(LAB, 'users', 'alice.token'), 'utf8').trim();
    const ok = await fetch(`${url}/api/nodes`, { headers: { Authorization: `Bearer ${alice}` } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${url}/api/nodes`, { headers: { Authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
  });

  it('drives the main journey for a researcher signed in with a token', async () => {
    const alice = await tokenSession(url, readFileSync(path.join(LAB, 'users', 'alice.token'), 'utf8').trim());
    expect(alice.username).toBe('alice');
    const result = await mainJourney([url], alice, 'alice');
    expect(result.servedBy.length).toBeGreaterThan(5);
  }, 400_000);
});
