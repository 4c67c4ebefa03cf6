// (1) GET /api/jobs against a direct LIST of the same pods from the API server with
// client-node, both timed to a parsed answer, in the same run.
import { type labClients } from './cluster.ts';
import { BENCH_NAMESPACE, benchNodeName } from './fabricate.ts';
import { asAdmin } from './http.ts';
import { medianAndP95, type Figure } from './results.ts';
import { repeat, summarize } from './stats.ts';

type Clients = ReturnType<typeof labClients>;

interface JobsAnswer {
  jobs: { namespace: string }[];
  total: number;
}

export interface ApiPlan {
  /** Requests per dashboard figure (after warm-up). */
  requests: number;
  /** Direct LISTs per reference (each of 10,000 pods takes seconds). */
  lists: number;
}

const FILTER_NODE = benchNodeName(3);

export async function measureApi(base: string, token: string, c: Clients, plan: ApiPlan, log: (s: string) => void): Promise<Figure[]> {
  const get = async (query: string): Promise<JobsAnswer> => {
    const r = await fetch(`${base}/api/jobs${query}`, { headers: asAdmin(token, { Accept: 'application/json' }) });
    if (!r.ok) throw new Error(`GET /api/jobs${query}: ${r.status}`);
    return (await r.json()) as JobsAnswer;
  };
  const timed = async (query: string, check: (a: JobsAnswer) => void) => {
    for (let i = 0; i < 5; i++) check(await get(query)); // warm-up, not counted
    return summarize(await repeat(plan.requests, async () => check(await get(query))));
  };
  const listAll = () => c.core.listNamespacedPod({ namespace: BENCH_NAMESPACE });
  const listFiltered = () =>
    c.core.listNamespacedPod({ namespace: BENCH_NAMESPACE, fieldSelector: `spec.nodeName=${FILTER_NODE},status.phase=Running` });

  const all = (await listAll()).items.length;
  const filteredPods = (await listFiltered()).items.length;
  log(`direct LIST: ${all} pods in ${BENCH_NAMESPACE}, ${filteredPods} Running on ${FILTER_NODE}`);
  if (all < 10_000) throw new Error(`only ${all} seeded pods: not the 10,000 the figures are about`);

  const refAll = summarize(await repeat(plan.lists, async () => void (await listAll())));
  log(`direct LIST of ${all} pods: median ${refAll.median.toFixed(0)} ms, p95 ${refAll.p95.toFixed(0)} ms`);
  const refFiltered = summarize(await repeat(plan.lists, async () => void (await listFiltered())));

  const firstView = await timed('', (a) => {
    if (a.jobs.length !== 200 || a.total < 10_000) throw new Error(`first view: ${a.jobs.length} rows of ${a.total}`);
  });
  // The same pods as the filtered LIST (bench rows only: other namespaces may hold more).
  const filterQuery = `?namespace=${BENCH_NAMESPACE}&node=${FILTER_NODE}&state=Running&limit=0`;
  const filtered = await timed(filterQuery, (a) => {
    if (a.total !== filteredPods) throw new Error(`filtered query: ${a.total} rows, the direct LIST has ${filteredPods} pods`);
  });
  const full = await timed('?limit=0', (a) => {
    if (a.jobs.length < 10_000 || a.jobs.length !== a.total) throw new Error(`full list: ${a.jobs.length} rows of ${a.total}`);
  });
  log(
    `GET /api/jobs p95: first view ${firstView.p95.toFixed(1)} ms, filtered ${filtered.p95.toFixed(1)} ms, full ${full.p95.toFixed(1)} ms`,
  );

  const listRef = { name: `direct LIST of ${all} pods`, ...refAll };
  const filteredRef = { name: `direct LIST of the ${filteredPods} pods (field selector)`, ...refFiltered };
  const fast = (what: string) => ({ text: `p95 ≤ 25 ms and ≥ 20× faster than the ${what}`, max: 25, maxRatio: 1 / 20 });
  return [
    ...medianAndP95(
      { name: 'GET /api/jobs, default first view (200 of 10,000)', unit: 'ms', target: fast('direct LIST') },
      firstView,
      listRef,
    ),
    // The pods the filter runs over are the 10,000 (what a UI without a cache lists, then
    // filters). The API server can do this particular filter itself (field selectors on node
    // and phase; most of the dashboard's filters it cannot), so that LIST is shown too.
    ...medianAndP95(
      { name: `GET /api/jobs, filtered (node ${FILTER_NODE}, Running: ${filteredPods} rows)`, unit: 'ms', target: fast('direct LIST') },
      filtered,
      listRef,
    ),
    ...medianAndP95({ name: `the same filtered GET, against the API server's own filtered LIST`, unit: 'ms' }, filtered, filteredRef),
    ...medianAndP95(
      { name: 'GET /api/jobs?limit=0, all 10,000 jobs', unit: 'ms', target: { text: 'faster than the direct LIST', belowReference: true } },
      full,
      listRef,
    ),
  ];
}
