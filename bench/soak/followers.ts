// Followed logs through the API, as scripts and the log view follow them: one request with
// follow=true per connection, reconnected after any end or failure while the run goes on.
// Every `line N` seen is kept per follower, so the report can tell whether each follower
// kept receiving new lines after every fault.

export interface Follower {
  job: string;
  seen: Set<number>;
  /** Highest line number seen, with the time it arrived. */
  last: { n: number; at: number };
  connections: Array<{ at: number; status: number | 'failed'; detail: string }>;
}

export function startFollowers(url: () => string, jobs: ReadonlyArray<{ namespace: string; name: string; token: string }>, count: number) {
  const followers: Follower[] = [];
  const aborts: AbortController[] = [];
  let stopped = false;
  for (let i = 0; i < count; i++) {
    const job = jobs[i % jobs.length];
    if (job === undefined) break;
    const f: Follower = { job: `${job.namespace}/${job.name}`, seen: new Set(), last: { n: 0, at: Date.now() }, connections: [] };
    followers.push(f);
    void (async () => {
      while (!stopped) {
        const abort = new AbortController();
        aborts[i] = abort;
        try {
          const r = await fetch(`${url()}/api/jobs/${job.namespace}/${job.name}/logs?follow=true`, {
            headers: { Authorization: `Bearer ${job.token}` },
            signal: abort.signal,
          });
          f.connections.push({ at: Date.now(), status: r.status, detail: r.ok ? '' : (await r.text()).slice(0, 200) });
          if (r.ok && r.body !== null) {
            const decoder = new TextDecoder();
            let rest = '';
            const reader = r.body.getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              rest += decoder.decode(value, { stream: true });
              const lines = rest.split('\n');
              rest = lines.pop() ?? '';
              for (const line of lines) {
                const n = /\bline (\d+)\b/.exec(line)?.[1];
                if (n === undefined) continue;
                f.seen.add(Number(n));
                if (Number(n) > f.last.n) f.last = { n: Number(n), at: Date.now() };
              }
            }
          }
        } catch (err) {
          if (!stopped) f.connections.push({ at: Date.now(), status: 'failed', detail: err instanceof Error ? err.message : String(err) });
        }
        if (!stopped) await new Promise((r) => setTimeout(r, 2_000));
      }
    })();
  }
  return {
    followers,
    stop: () => {
      stopped = true;
      for (const a of aborts) a?.abort();
    },
  };
}

/** Line numbers between 1 and the highest seen that a follower never received. */
export function gaps(f: Follower): number[] {
  const out: number[] = [];
  for (let n = 1; n <= f.last.n; n++) if (!f.seen.has(n)) out.push(n);
  return out;
}
