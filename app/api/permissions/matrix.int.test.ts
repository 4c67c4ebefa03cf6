import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { kubectl, uniqueName, type User } from '../../../scripts/lib/lab-commands.ts';
import { apiFetchAs } from '../../../scripts/lib/api-client.ts';
import { oidcSession, sessionFetch, type BrowserSession } from '../../../scripts/lib/browser-session.ts';
import { userToken } from '../../../scripts/lib/lab.ts';
import { withOffloadServer } from '../../../scripts/lib/vitest-server.ts';
import { testService } from '../../../scripts/lib/test-service.ts';

// The persona × action matrix, through the HTTP API as each person's browser makes it
// (signed in on the lab provider's login page). Every cell's expected answer is the API
// server's own RBAC decision (`kubectl auth can-i` as that person), never Offload's.

const server = withOffloadServer();
const PERSONAS: User[] = ['admin', 'alice', 'bob'];
const NAMESPACES = ['alice', 'bob'] as const;
const sessions = new Map<User, BrowserSession>();
const jobs: Array<{ ns: string; name: string }> = [];
const services: Array<{ ns: string; name: string }> = [];

async function can(who: User, verb: string, resource: string, namespace?: string): Promise<boolean> {
  const r = await kubectl(who, ['auth', 'can-i', verb, resource, ...(namespace ? ['-n', namespace] : ['--all-namespaces'])]);
  return r.stdout.trim() === 'yes';
}

/** A service and a run of it in `ns`, made by the namespace's owner, for one persona to try. */
async function fixture(ns: string): Promise<{ service: string; job: string; stored: Record<string, unknown> }> {
  const service = uniqueName(`mx-${ns}`).slice(0, 30);
  services.push({ ns, name: service });
  const owner = (method: string, p: string, body?: unknown) => apiFetchAs(server().url, userToken(ns as User), method, p, body);
  const created = await owner('POST', '/api/services', testService(service, ns, { script: 'echo matrix\n' }));
  expect(created.status, await created.clone().text()).toBe(201);
  const run = await owner('POST', `/api/services/${ns}/${service}/jobs`, {});
  expect(run.status).toBe(201);
  const job = String(((await run.json()) as { name: string }).name);
  jobs.push({ ns, name: job });
  const stored = (await (await owner('GET', `/api/services/${ns}/${service}`)).json()) as Record<string, unknown>;
  return { service, job, stored };
}

beforeAll(async () => {
  for (const p of PERSONAS) sessions.set(p, await oidcSession(server().url, p));
}, 120_000);

afterAll(async () => {
  for (const ns of NAMESPACES) {
    const names = jobs.filter((j) => j.ns === ns).map((j) => j.name);
    if (names.length > 0) await kubectl('admin', ['-n', ns, 'delete', 'job', ...names, '--ignore-not-found', '--wait=false']);
    const stored = services.filter((x) => x.ns === ns).map((x) => `offload-svc-${x.name}`);
    if (stored.length > 0)
      await kubectl('admin', ['-n', ns, 'delete', 'configmaps,secrets', ...stored, '--ignore-not-found', '--wait=false']);
  }
});

interface Cell {
  persona: User;
  action: string;
  expected: boolean;
  status: number;
  message: string;
}

/** Allowed: anything but 401/403 and server errors (a finished job cannot be cancelled: 409). Refused: 403. */
const agrees = (c: Cell) => (c.expected ? c.status < 500 && c.status !== 401 && c.status !== 403 : c.status === 403);

describe('persona × action matrix', () => {
  it('every answer is the API server’s RBAC decision for that person', async () => {
    const cells: Cell[] = [];
    const record = async (persona: User, action: string, expected: Promise<boolean>, response: Promise<Response>) => {
      const r = await response;
      const message = r.status === 403 ? ((await r.json()) as { error: { message: string } }).error.message : '';
      cells.push({ persona, action, expected: await expected, status: r.status, message });
    };

    for (const persona of PERSONAS) {
      const s = sessions.get(persona);
      if (s === undefined) throw new Error(`no session for ${persona}`);
      const as = (method: string, p: string, body?: unknown) => sessionFetch(server().url, s, method, p, body);
      await record(persona, 'list nodes', can(persona, 'list', 'nodes'), as('GET', '/api/nodes'));

      for (const ns of NAMESPACES) {
        const { service, job, stored } = await fixture(ns);
        const where = `in namespace ${ns}`;
        await record(persona, `list jobs ${where}`, can(persona, 'list', 'jobs', ns), as('GET', `/api/jobs?namespace=${ns}`));
        await record(persona, `read a job ${where}`, can(persona, 'get', 'jobs', ns), as('GET', `/api/jobs/${ns}/${job}`));
        await record(persona, `read a job's log ${where}`, can(persona, 'get', 'pods/log', ns), as('GET', `/api/jobs/${ns}/${job}/logs`));
        const fresh = testService(uniqueName(`mx-new-${persona}`).slice(0, 30), ns, { script: 'true\n' });
        services.push({ ns, name: fresh.name });
        await record(persona, `create a service ${where}`, can(persona, 'create', 'configmaps', ns), as('POST', '/api/services', fresh));
        await record(
          persona,
          `edit a service ${where}`,
          can(persona, 'update', 'configmaps', ns),
          as('PUT', `/api/services/${ns}/${service}`, { ...stored, script: 'echo edited\n' }),
        );
        const run = as('POST', `/api/services/${ns}/${service}/jobs`, {});
        await record(
          persona,
          `run a job ${where}`,
          can(persona, 'create', 'jobs', ns),
          run.then(async (r) => {
            if (r.status === 201) jobs.push({ ns, name: String(((await r.clone().json()) as { name: string }).name) });
            return r;
          }),
        );
        await record(persona, `cancel a job ${where}`, can(persona, 'patch', 'jobs', ns), as('POST', `/api/jobs/${ns}/${job}/cancel`));
        await record(
          persona,
          `delete a service ${where}`,
          can(persona, 'delete', 'configmaps', ns),
          as('DELETE', `/api/services/${ns}/${service}`),
        );
      }

      // "All jobs" (once both namespaces hold jobs): always answered, with the rows of exactly
      // the namespaces the person may list.
      const all = (await (await as('GET', '/api/jobs?limit=0')).json()) as { jobs: Array<{ namespace: string }> };
      const shown = new Set(all.jobs.map((j) => j.namespace));
      for (const ns of NAMESPACES) {
        cells.push({
          persona,
          action: `see the rows of namespace ${ns} in all jobs`,
          expected: await can(persona, 'list', 'jobs', ns),
          status: shown.has(ns) ? 200 : 403,
          message: shown.has(ns) ? '' : `rows of namespace ${ns} left out`,
        });
      }
    }

    const disagreements = cells
      .filter((c) => !agrees(c))
      .map((c) => `${c.persona} may ${c.expected ? '' : 'not '}${c.action}, but got HTTP ${c.status} ${c.message}`);
    expect(disagreements).toEqual([]);
    // The matrix is not trivially all-allowed or all-refused, and refusals say why.
    expect(cells.filter((c) => c.expected).length).toBeGreaterThan(10);
    const refused = cells.filter((c) => !c.expected && c.status === 403);
    expect(refused.length).toBeGreaterThan(10);
    for (const c of refused) expect(c.message).toMatch(/namespace "?(alice|bob)"?|list nodes/);
    console.log(
      cells.map((c) => `${c.persona.padEnd(6)} ${c.expected ? 'allowed' : 'refused'} ${String(c.status).padEnd(4)} ${c.action}`).join('\n'),
    );
  }, 600_000);
});
