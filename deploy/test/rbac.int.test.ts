import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT, kubectl, kubectlOk, uniqueName } from '../../scripts/lib/lab-commands.ts';
import { apiFetchAs } from '../../scripts/lib/api-client.ts';
import { withOffloadServer } from '../../scripts/lib/vitest-server.ts';
import { testService } from '../../scripts/lib/test-service.ts';

// The example roles in deploy/rbac, applied to the lab and bound as their comments say, to
// two service accounts standing for a researcher and an operator: Offload then lets each do
// exactly what the roles grant.

const server = withOffloadServer();
const NS = uniqueName('rbac-example').slice(0, 40);
const files = ['researcher.yaml', 'admin.yaml'].map((f) => path.join(ROOT, 'deploy', 'rbac', f));
let researcher = '';
let operator = '';

beforeAll(async () => {
  for (const f of files) await kubectlOk('admin', ['apply', '-f', f]);
  await kubectlOk('admin', ['create', 'namespace', NS]);
  for (const sa of ['researcher', 'operator']) await kubectlOk('admin', ['-n', NS, 'create', 'serviceaccount', sa]);
  const bindings = readFileSync(path.join(ROOT, 'deploy', 'rbac', 'bindings.example.yaml'), 'utf8')
    .replaceAll('${NAMESPACE}', NS)
    .replaceAll('${RESEARCHER}', `system:serviceaccount:${NS}:researcher`)
    .replaceAll('${OPERATOR}', `system:serviceaccount:${NS}:operator`);
  await kubectlOk('admin', ['apply', '-f', '-'], bindings);
  researcher = (await kubectlOk('admin', ['-n', NS, 'create', 'token', 'researcher', '--duration=1h'])).trim();
  operator = (await kubectlOk('admin', ['-n', NS, 'create', 'token', 'operator', '--duration=1h'])).trim();
});

afterAll(async () => {
  await kubectl('admin', ['delete', 'clusterrolebinding', `offload-node-viewers-${NS}`, `offload-admins-${NS}`, '--ignore-not-found']);
  await kubectl('admin', ['delete', 'namespace', NS, '--wait=false']);
});

const service = (namespace: string) => testService(uniqueName('rbac').slice(0, 30), namespace, { script: 'true\n' });

describe('deploy/rbac example roles', () => {
  it('offload:researcher works in its namespace only; offload:node-viewer shows the nodes', async () => {
    const as = (method: string, p: string, body?: unknown) => apiFetchAs(server().url, researcher, method, p, body);
    expect((await as('POST', '/api/services', service(NS))).status).toBe(201);
    const refused = await as('POST', '/api/services', service('alice'));
    expect(refused.status).toBe(403);
    expect((await as('GET', `/api/jobs?namespace=${NS}`)).status).toBe(200);
    expect((await as('GET', '/api/jobs?namespace=alice')).status).toBe(403);
    const services = (await (await as('GET', '/api/services')).json()) as { scope: { all: boolean; namespaces: string[] } };
    expect(services.scope).toEqual({ all: false, namespaces: [NS] });
    const nodes = (await (await as('GET', '/api/nodes')).json()) as { virtualNodes: { jobs: unknown }[] };
    expect(nodes.virtualNodes.length).toBe(2);
    // No cluster-wide job counts for a researcher.
    expect(nodes.virtualNodes.every((n) => n.jobs === null)).toBe(true);
  });

  it('offload:admin sees every namespace and the node view with job counts', async () => {
    const as = (method: string, p: string) => apiFetchAs(server().url, operator, method, p);
    expect((await as('GET', '/api/jobs?namespace=alice')).status).toBe(200);
    expect((await as('GET', '/api/jobs?namespace=bob')).status).toBe(200);
    const nodes = (await (await as('GET', '/api/nodes')).json()) as { virtualNodes: { jobs: unknown }[] };
    expect(nodes.virtualNodes.every((n) => n.jobs !== null)).toBe(true);
    const perms = (await (await as('GET', '/api/permissions?namespace=bob')).json()) as { allowed: Record<string, boolean> };
    expect(perms.allowed).toMatchObject({ listNodes: true, listAllJobs: true, runJobs: true, cancelJobs: true, editServices: true });
  });
});
