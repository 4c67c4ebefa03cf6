// A driver (the soak, the benchmark, a check) that is interrupted must not leave its Offload
// servers running: they run in their own process groups, so nothing else would end them.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { waitFor } from '../../scripts/lib/lab-commands.ts';
import { groupAlive, ROOT } from '../../scripts/lib/offload-server.ts';

const DRIVER = `
import { startOffload } from ${JSON.stringify(path.join(ROOT, 'scripts/lib/offload-server.ts'))};
const server = await startOffload({ waitFor: 'healthz' });
console.log('server-pid ' + server.pid);
setInterval(() => undefined, 1000);
`;

describe('a driver of Offload servers', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('ends its servers when it gets %s, and ends with that signal', async (signal) => {
    const driver = spawn(process.execPath, ['--input-type=module', '-e', DRIVER], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    driver.stdout.on('data', (b: Buffer) => (out += b.toString()));
    driver.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) => driver.once('exit', (_code, s) => done(s)));
    const pid = await waitFor(
      "the driver to print its server's pid",
      280_000,
      async () => {
        const m = /server-pid (\d+)/.exec(out);
        return m === null ? undefined : Number(m[1]);
      },
      200,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\ndriver output:\n${out}`);
    });
    expect(groupAlive(pid)).toBe(true);

    driver.kill(signal);
    expect(await exited).toBe(signal);
    await waitFor(`server group ${pid} to end`, 10_000, async () => (groupAlive(pid) ? undefined : true), 200);
  });
});
