import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { oidcSession, sessionFetch } from '../../scripts/lib/browser-session.ts';
import { mainJourney } from '../../scripts/lib/journey.ts';
import { startOffload, type OffloadServer } from '../../scripts/lib/offload-server.ts';

// Two production servers side by side, as two replicas behind a Service: the state is in
// the cluster and in the sealed session cookie, so one signed-in person's requests can
// alternate between them (list, run, follow logs, cancel) without an error.

const secret = randomBytes(32).toString('hex');
let a: OffloadServer;
let b: OffloadServer;

beforeAll(async () => {
  // One after the other: the first start builds the bundle when it is stale.
  a = await startOffload({ instanceId: 'replica-a', env: { OFFLOAD_SESSION_SECRET: secret } });
  b = await startOffload({ instanceId: 'replica-b', env: { OFFLOAD_SESSION_SECRET: secret } });
}, 600_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

describe('two replicas', () => {
  it('accept each other’s session: signed in on one, the other knows the person', async () => {
    const session = await oidcSession(a.url, 'alice');
    const other = await (await sessionFetch(b.url, session, 'GET', '/api/auth/session')).json();
    expect(other).toMatchObject({ authenticated: true, username: 'alice', csrfToken: session.csrf });
  });

  it('serve one person’s whole journey, alternating on every request', async () => {
    const session = await oidcSession(b.url, 'alice');
    const result = await mainJourney([a.url, b.url], session, 'alice');
    expect(new Set(result.servedBy)).toEqual(new Set([a.url, b.url]));
    for (const s of [a, b]) expect(s.output()).not.toMatch(/"level":"error"/);
  }, 400_000);

  it('refuse a session sealed with another secret', async () => {
    const c = await startOffload({ instanceId: 'replica-c', env: { OFFLOAD_SESSION_SECRET: randomBytes(32).toString('hex') } });
    try {
      const session = await oidcSession(a.url, 'bob');
      expect((await sessionFetch(c.url, session, 'GET', '/api/jobs')).status).toBe(401);
    } finally {
      await c.stop();
    }
  });
});
