// Job submissions through Offload's API at a steady rate, as scripts and the run button make
// them: a stored service per person and virtual node, then POST …/jobs. Every attempt is
// recorded; an attempt that gets no answer is retried with the same Idempotency-Key, as the
// browser retries, so a job that was created anyway is not created twice.
import { randomUUID } from 'node:crypto';

export interface Submission {
  id: number;
  key: string;
  user: string;
  node: string;
  at: number;
  /** The job's name when an attempt answered 201 (or 200: the same submission again). */
  jobs: string[];
  attempts: Array<{ at: number; status: number | 'no answer'; ms: number; text: string }>;
}

export interface Submitter {
  submissions: Submission[];
  stop: () => Promise<void>;
}

export interface Submitting {
  url: () => string;
  /** Bearer tokens of the people who submit (namespace = their name). */
  tokens: Record<string, string>;
  services: Array<{ user: string; namespace: string; name: string; node: string }>;
  perMinute: number;
}

const ANSWER_TIMEOUT_MS = 30_000;
const RETRIES = 3;

export const shortJobScript = 'echo "soak job started on $(hostname)"\nsleep 3\necho "soak job done"\n';

export function serviceBody(name: string, namespace: string, node: string, script: string, minutes: number): Record<string, unknown> {
  return {
    name,
    namespace,
    image: 'docker://alpine:3.20',
    script,
    interlink_node_name: node,
    annotations: {
      'slurm-job.vk.io/flags': `--job-name=${name} --time=00:${String(minutes).padStart(2, '0')}:00 --cpus-per-task=1 --mem=64M`,
    },
  };
}

export function startSubmitter(s: Submitting): Submitter {
  const submissions: Submission[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let n = 0;
  const submitOne = async () => {
    const service = s.services[n % s.services.length];
    if (service === undefined) return;
    const sub: Submission = { id: n++, key: randomUUID(), user: service.user, node: service.node, at: Date.now(), jobs: [], attempts: [] };
    submissions.push(sub);
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${s.url()}/api/services/${service.namespace}/${service.name}/jobs`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${s.tokens[service.user] ?? ''}`,
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Idempotency-Key': sub.key,
          },
          body: '{}',
          signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
        });
        const text = await r.text();
        sub.attempts.push({ at: Date.now(), status: r.status, ms: performance.now() - t0, text: text.slice(0, 300) });
        if (r.status === 201 || r.status === 200) {
          const name = (JSON.parse(text) as { name?: string }).name;
          if (name !== undefined && !sub.jobs.includes(name)) sub.jobs.push(name);
        }
        return;
      } catch (err) {
        sub.attempts.push({
          at: Date.now(),
          status: 'no answer',
          ms: performance.now() - t0,
          text: err instanceof Error ? err.message : String(err),
        });
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const p = submitOne().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 60_000 / s.perMinute);
  return {
    submissions,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
