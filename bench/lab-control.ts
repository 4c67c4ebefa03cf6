// The lab as the suite drives it: `lab.sh up | down`, run as a person would
// (`npm run lab -- …`), with the caller's OFFLOAD_LAB_PORT_OFFSET and OFFLOAD_LAB_DIR passed
// through. Whether it is up is asked with labState (lab/state.ts), as npm test and npm start ask.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { ROOT } from './cluster.ts';

export function labCommand(args: string[], log: (s: string) => void): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [path.join(ROOT, 'lab', 'lab.sh'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (b: Buffer) => {
      out += b.toString();
      for (const line of b.toString().split('\n')) if (line.trim() !== '' && args[0] !== 'status') log(`  lab: ${line}`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`lab ${args.join(' ')} exited with ${code}:\n${out.slice(-3000)}`)),
    );
  });
}

/** `down` then `up`, timed: the lab's warm start (binaries cached, state kept). */
export async function timedWarmStart(log: (s: string) => void): Promise<number> {
  await labCommand(['down'], log);
  const t0 = performance.now();
  await labCommand(['up'], log);
  return (performance.now() - t0) / 1000;
}
