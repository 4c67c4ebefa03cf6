import { randomBytes } from 'node:crypto';

import { afterAll, describe, expect, it } from 'vitest';

import { rssMegabytes, rssSampler, serverPid } from '@/bench/memory.ts';
import { ApiErrorBodySchema } from '@/lib/api/error-body';
import { JobsResponseSchema } from '@/lib/api/jobs';
import { waitFor } from '../../scripts/lib/lab-commands.ts';
import { requestsByInstance } from '../../scripts/lib/audit-log.ts';
import { userToken } from '../../scripts/lib/lab.ts';
import { createOscarJob, removeJobs } from '../../scripts/lib/lab-jobs.ts';
import { connectSse, type SseConnection } from '../../scripts/lib/sse-client.ts';
import { withOffloadServer } from '../../scripts/lib/vitest-server.ts';

// What one caller may cost the server (docs/operations.md "Limits"), against the lab: bodies
// refused before they are read, bearer tokens reviewed before anything else and reviews
// counted in the API server's audit log, request rates, live streams per person, followed
// logs that end; and the security headers on every kind of answer.

const FOLLOW_SECONDS = 20;
const FOLLOW_BYTES = 4096;
const server = withOffloadServer(() => ({
  env: {
    OFFLOAD_RATE_LIMIT_PER_TOKEN: '5',
    OFFLOAD_LOG_FOLLOW_MAX_SECONDS: String(FOLLOW_SECONDS),
    OFFLOAD_LOG_FOLLOW_MAX_BYTES: String(FOLLOW_BYTES),
  },
}));
const url = (path: string) => `${server().url}${path}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const jobs: string[] = [];
afterAll(() => removeJobs(jobs));

async function errorOf(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const { error } = ApiErrorBodySchema.parse(await response.json());
  expect(error.code).toBe(code);
  return error.message;
}

/** Token reviews (SelfSubjectReview and SelfSubjectAccessReview) this server asked of the API server since `since`. */
function tokenReviewsSince(since: number): number {
  return requestsByInstance(server().instanceId).filter((r) => r.requestURI.includes('/selfsubject') && Date.parse(r.at) >= since - 1_000)
    .length;
}

const bogus = () => `bogus-${randomBytes(12).toString('hex')}`;

describe('request bodies', () => {
  it('refuses a 20 MB POST with a bogus bearer token with 413, without the server holding it', async () => {
    const pid = serverPid(server().pid);
    const body = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    // One first, so that what the server grows to once (its code loaded) is not counted.
    const warm = await fetch(url('/api/services'), {
      method: 'POST',
      headers: { ...bearer(bogus()), 'Content-Type': 'application/json' },
      body,
    });
    expect(warm.status).toBe(413);
    await new Promise((r) => setTimeout(r, 1_000));
    const rss = rssSampler(pid, 50);
    const before = rss.peak();
    for (let i = 0; i < 3; i++) {
      const r = await fetch(url('/api/services'), {
        method: 'POST',
        headers: { ...bearer(bogus()), 'Content-Type': 'application/json' },
        body,
      });
      expect(await errorOf(r, 413, 'too_large')).toBe('The request body is larger than this endpoint accepts (at most 1 MiB).');
    }
    rss.stop();
    // Node reads what the client still sends and drops it: garbage, at most a few MB a body,
    // collected when the server is idle. Never as much as one body at any time.
    expect(rss.peak() - before).toBeLessThan(20);
    await waitFor('the server back to its size', 20_000, async () => (rssMegabytes(pid) - before < 4 ? true : undefined), 500);
  });

  it('cuts a body without a declared length off at the limit (413), and sign-in bodies at 16 KiB', async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const r = await fetch(url('/api/services'), {
      method: 'POST',
      headers: { ...bearer(userToken('alice')), 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await errorOf(r, 413, 'too_large');
    const signin = await fetch(url('/api/auth/token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server().url },
      body: JSON.stringify({ token: 'x'.repeat(20_000) }),
    });
    expect(await errorOf(signin, 413, 'too_large')).toContain('at most 16 KiB');
  });
});

describe('bearer tokens', () => {
  it('remembers a refused token: a script retrying it costs one review, not one per request', async () => {
    const token = bogus();
    const since = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => fetch(url('/api/jobs'), { headers: bearer(token) }).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(tokenReviewsSince(since)).toBeLessThanOrEqual(2);
  });

  it('answers 200 requests a second with made-up tokens with 401 or 429, at a bounded number of reviews', async () => {
    const since = Date.now();
    const answers: Array<Promise<number>> = [];
    for (let tick = 0; tick < 50; tick++) {
      for (let i = 0; i < 20; i++) answers.push(fetch(url('/api/jobs'), { headers: bearer(bogus()) }).then((r) => r.status));
      await new Promise((r) => setTimeout(r, 100));
    }
    const statuses = await Promise.all(answers);
    const seconds = (Date.now() - since) / 1000;
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    await new Promise((r) => setTimeout(r, 1_000));
    // Default: 5 reviews of unknown tokens a second, bursts of 20 (lib/http/limits.ts).
    expect(tokenReviewsSince(since)).toBeLessThanOrEqual(20 + 5 * Math.ceil(seconds + 1));
    // Known tokens are not held up by the flood.
    expect((await fetch(url('/api/jobs?namespace=alice'), { headers: bearer(userToken('alice')) })).status).toBe(200);
  });

  it('limits each token to its rate, saying when to try again', async () => {
    // This server allows 5 requests a second per token, in bursts of 50.
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => fetch(url('/api/jobs?namespace=bob'), { headers: bearer(userToken('bob')) })),
    );
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(refused[0] as Response, 429, 'rate_limited')).toMatch(
      /^Too many requests with these credentials \(more than 5 a second\); try again in \d+ s\.$/,
    );
  });
});

describe('live streams per person', () => {
  it("refuses alice's 21st event stream with a sentence, and takes it once one closes", async () => {
    const open: SseConnection[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const c = await connectSse(url('/api/events?kinds=job'), bearer(userToken('alice')));
        open.push(c);
        expect(c.status).toBe(200);
      }
      const refused = await fetch(url('/api/events?kinds=job'), { headers: bearer(userToken('alice')) });
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(await errorOf(refused, 429, 'rate_limited')).toMatch(/^You already have 20 live event streams open here/);
      // Someone else is not affected (admin: the rate test above spent bob's token's burst).
      const bob = await connectSse(url('/api/events?kinds=job'), bearer(userToken('admin')));
      expect(bob.status).toBe(200);
      bob.close();
      open.pop()?.close();
      const again = await waitFor(
        'a stream slot given back',
        10_000,
        async () => {
          const c = await connectSse(url('/api/events?kinds=job'), bearer(userToken('alice')));
          if (c.status === 200) return c;
          c.close();
          return undefined;
        },
        250,
      );
      open.push(again);
    } finally {
      for (const c of open) c.close();
    }
  });

  it('ends a followed log after its byte limit and its time limit, each with a last line saying so, and refuses a 21st', async () => {
    const admin = bearer(userToken('admin'));
    const rowOf = async (name: string) =>
      JobsResponseSchema.parse(
        await (await fetch(url(`/api/jobs?namespace=alice&q=${name}&limit=0`), { headers: admin })).json(),
      ).jobs.find((j) => j.name === name);
    const chatty = await createOscarJob({ prefix: 'limits-chatty', script: 'seq 1 3000\n' });
    const quiet = await createOscarJob({
      prefix: 'limits-quiet',
      flags: '--job-name=limits-quiet --time=00:05:00 --cpus-per-task=1 --mem=100M',
      script: 'echo started\nsleep 240\n',
    });
    jobs.push(chatty, quiet);
    await waitFor('the chatty job ended', 120_000, async () => ((await rowOf(chatty))?.state === 'Succeeded' ? true : undefined));
    await waitFor('the quiet job running', 120_000, async () => ((await rowOf(quiet))?.state === 'Running' ? true : undefined));

    const whole = await (await fetch(url(`/api/jobs/alice/${chatty}/logs`), { headers: bearer(userToken('alice')) })).text();
    expect(whole).toContain('\n3000\n');
    const followed = await fetch(url(`/api/jobs/alice/${chatty}/logs?follow=true`), { headers: bearer(userToken('alice')) });
    const text = await followed.text();
    expect(followed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new TextEncoder().encode(text).byteLength).toBeLessThan(FOLLOW_BYTES + 200);
    expect(text).toMatch(
      /\n— Offload stopped following this log after 4096 bytes, the most a followed log sends here; download the log to read all of it\. —\n$/,
    );

    const follows: AbortController[] = [];
    try {
      const started = Date.now();
      const open = await Promise.all(
        Array.from({ length: 20 }, () => {
          const abort = new AbortController();
          follows.push(abort);
          return fetch(url(`/api/jobs/alice/${quiet}/logs?follow=true`), { headers: bearer(userToken('alice')), signal: abort.signal });
        }),
      );
      expect(open.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
      const refused = await fetch(url(`/api/jobs/alice/${quiet}/logs?follow=true`), { headers: bearer(userToken('alice')) });
      expect(await errorOf(refused, 429, 'rate_limited')).toMatch(/^You already follow 20 logs here, the most one person may/);
      // Reading without following is not a stream that lasts: still allowed.
      expect((await fetch(url(`/api/jobs/alice/${quiet}/logs`), { headers: bearer(userToken('alice')) })).status).toBe(200);
      // The job sleeps for minutes; the server ends the follow after its time limit.
      const first = await (open[0] as Response).text();
      expect(first).toContain('started');
      expect(first).toMatch(
        /— Offload stopped following this log after 20 s, the longest a log is followed here; reload to follow it again\. —\n$/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(FOLLOW_SECONDS * 1000 - 1_000);
      expect(Date.now() - started).toBeLessThan(FOLLOW_SECONDS * 1000 + 15_000);
    } finally {
      for (const f of follows) f.abort();
    }
  });
});

describe('security headers', () => {
  const common = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
  const dataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  function expectHeaders(r: Response, csp: string | RegExp) {
    for (const [name, value] of Object.entries(common)) expect(r.headers.get(name), `${r.url} ${name}`).toBe(value);
    if (typeof csp === 'string') expect(r.headers.get('content-security-policy'), r.url).toBe(csp);
    else expect(r.headers.get('content-security-policy'), r.url).toMatch(csp);
    // The lab's public URL is plain http: no HSTS.
    expect(r.headers.get('strict-transport-security')).toBeNull();
  }

  it('on every kind of answer: JSON, errors, the event stream, logs, metrics, pages, redirects and static files', async () => {
    const alice = bearer(userToken('alice'));
    const answers = [
      await fetch(url('/api/healthz')),
      await fetch(url('/api/jobs')),
      await fetch(url('/api/no-such-endpoint'), { headers: alice }),
      await fetch(url('/metrics')),
      await fetch(url('/api/auth/login?returnTo=/jobs'), { redirect: 'manual' }),
    ];
    expect(answers[2]?.status).toBe(404);
    const events = new AbortController();
    answers.push(await fetch(url('/api/events?kinds=job'), { headers: alice, signal: events.signal }));
    events.abort();
    for (const r of answers) expectHeaders(r, dataPolicy);

    const page = await fetch(url('/signin'));
    const html = await page.text();
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1] ?? '';
    expectHeaders(page, /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'; /);
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Every script of the page carries this request's nonce; the next request gets another.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect((await fetch(url('/signin'))).headers.get('content-security-policy')).not.toContain(nonce);
    expectHeaders(await fetch(url('/jobs'), { redirect: 'manual' }), /^default-src 'self'; script-src/);

    const asset = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    expectHeaders(await fetch(url(asset)), dataPolicy);
  });
});
