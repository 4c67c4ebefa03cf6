// (6) The server's resident memory, read from /proc like `ps` does.
import { readFileSync } from 'node:fs';

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** The dashboard's server process: what start.sh exec'd (node …/server.js). */
export function serverPid(pid: number | undefined): number {
  if (pid === undefined) throw new Error('the server has no process id');
  const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  // Next renames its process "next-server (vX)".
  if (!cmd.includes('server.js') && !cmd.startsWith('next-server'))
    throw new Error(`process ${pid} is "${cmd}", not the dashboard's server`);
  return pid;
}

/** Samples RSS every `everyMs` until stopped; `peak()` is the highest sample. */
export function rssSampler(pid: number, everyMs = 250) {
  let peak = rssMegabytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMegabytes(pid));
    } catch {
      // The process ended; the suite notices elsewhere.
    }
  }, everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
