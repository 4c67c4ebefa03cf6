// The main journey of a signed-in researcher, over HTTP exactly as the browser makes it
// (session cookie, CSRF token on writes): store a service, run it, follow its log to the
// end, run it again and cancel that run, and find both runs in the job list. Each step goes
// to the next server of `servers` in turn, so with two replicas every step alternates.
import { expect } from 'vitest';

import { uniqueName, waitFor } from './lab-commands.ts';

import { sessionFetch, type BrowserSession } from './browser-session.ts';

export interface JourneyResult {
  service: string;
  finished: string;
  cancelled: string;
  /** Which server answered each step, in order. */
  servedBy: string[];
}

export async function mainJourney(servers: readonly string[], session: BrowserSession, namespace: string): Promise<JourneyResult> {
  let turn = 0;
  const servedBy: string[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const base = servers[turn++ % servers.length] ?? '';
    servedBy.push(base);
    const response = await sessionFetch(base, session, method, path, body);
    return { response, base };
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const { response } = await call(method, path, body);
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  };

  const service = uniqueName('journey').slice(0, 30);
  await ok('POST', '/api/services', {
    name: service,
    namespace,
    image: 'docker://alpine:3.20',
    script: 'echo "journey start"\nsleep "${PAUSE:-3}"\necho "journey end"\n',
    interlink_node_name: 'vega-vk',
  });
  const finished = String((await ok('POST', `/api/services/${namespace}/${service}/jobs`, {})).name);

  // Follow the log (it waits for the pod and Slurm) until the stream ends with the job.
  const log = await waitFor(
    'the log of the first run',
    120_000,
    async () => {
      const { response } = await call('GET', `/api/jobs/${namespace}/${finished}/logs?follow=true`);
      if (response.status !== 200) return undefined;
      const text = await response.text();
      return text.includes('journey end') ? text : undefined;
    },
    2_000,
  );
  expect(log).toContain('journey start');
  await waitFor(
    'the first run to succeed',
    60_000,
    async () => {
      const job = await ok('GET', `/api/jobs/${namespace}/${finished}`);
      return job.state === 'Succeeded' ? job : undefined;
    },
    1_000,
  );

  // Edit the service to run long, run it again and cancel that run.
  const stored = await ok('GET', `/api/services/${namespace}/${service}`);
  await ok('PUT', `/api/services/${namespace}/${service}`, { ...stored, environment: { variables: { PAUSE: '120' } } });
  const cancelled = String((await ok('POST', `/api/services/${namespace}/${service}/jobs`, {})).name);
  await waitFor(
    'the second run to start',
    90_000,
    async () => {
      const job = await ok('GET', `/api/jobs/${namespace}/${cancelled}`);
      return ['Queued', 'Running'].includes(String(job.state)) ? job : undefined;
    },
    1_000,
  );
  await ok('POST', `/api/jobs/${namespace}/${cancelled}/cancel`);
  await waitFor(
    'the second run to show as cancelled',
    60_000,
    async () => {
      const job = await ok('GET', `/api/jobs/${namespace}/${cancelled}`);
      return job.state === 'Cancelled' ? job : undefined;
    },
    1_000,
  );

  const list = await ok('GET', `/api/jobs?namespace=${namespace}&service=${service}&limit=0`);
  const names = (list.jobs as Array<{ name: string }>).map((j) => j.name);
  expect(names).toEqual(expect.arrayContaining([finished, cancelled]));
  for (const job of [finished, cancelled]) await ok('DELETE', `/api/jobs/${namespace}/${job}`);
  await ok('DELETE', `/api/services/${namespace}/${service}`);
  return { service, finished, cancelled, servedBy };
}
