// `npm run bench:seed -- up|down [pods] [nodes]`: seeds (or removes) the benchmark's
// fabricated nodes and pods by hand, e.g. to look at the dashboard at 10,000 jobs.
import { labClients } from './cluster.ts';
import { cleanup, renewLeases, seed } from './seed.ts';

const [cmd = 'up', pods = '10000', nodes = '20'] = process.argv.slice(2);
const c = labClients();
const log = (s: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);
const t0 = Date.now();
if (cmd === 'down') {
  await cleanup(c, log);
} else {
  await seed(c, { pods: Number(pods), nodes: Number(nodes), ownedPods: Math.min(300, Number(pods)) }, log);
  log(
    `seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; renewing leases until interrupted ` +
      `(Ctrl-C), then run: npm run bench:seed -- down`,
  );
  if (cmd === 'up') setInterval(() => void renewLeases(c, Number(nodes)), 10_000);
}
