// Does the dashboard's load on the API server stay flat however many browsers watch it?
// Runs the production server twice against the lab, once with 1 SSE client and once with
// 50, each connected for 60 s, and counts that server's requests in the API server's audit
// log by its user agent. Prints both counts; exits 1 if they differ.
//
//   node scripts/sse-fanout-check.ts [clients=50] [seconds=60]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { labDir } from '../lab/state.ts';
import { ROOT } from './lib/offload-server.ts';
import { describeRun, fanoutRun } from './lib/sse-fanout.ts';

const many = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 60);
// One person (the lab's admin) in every browser: sign-in is on, and the clients are signed in.
const headers = { Authorization: `Bearer ${readFileSync(join(labDir(ROOT), 'users', 'admin.token'), 'utf8').trim()}` };

const one = await fanoutRun(1, { seconds, headers });
console.log(describeRun(one, seconds));
const fifty = await fanoutRun(many, { seconds, headers });
console.log(describeRun(fifty, seconds));
const same = one.total.length === fifty.total.length && one.duringWindow.length === fifty.duringWindow.length;
console.log(same ? `same: ${one.total.length} = ${fifty.total.length}` : `DIFFERENT: ${one.total.length} vs ${fifty.total.length}`);
process.exit(same ? 0 : 1);
