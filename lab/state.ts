// Where a lab lives and whether it is up, for TypeScript callers (the tests' helpers, the
// benchmark, Playwright). Node builtins only and no import.meta, so it loads under plain
// `node` (type stripping), vitest and Playwright's CommonJS transform alike; callers pass the
// repository root. The answer comes from `lab.sh status --quiet`'s exit code, never from
// parsing its output through a pipe (issue #19).
import { execFile } from 'node:child_process';
import path from 'node:path';

/** The lab's directory: $OFFLOAD_LAB_DIR (made absolute as lab/lab.sh does), else <root>/.lab. */
export function labDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.OFFLOAD_LAB_DIR;
  return dir !== undefined && dir !== '' ? path.resolve(dir) : path.join(root, '.lab');
}

/** `up`: every component runs (or every one asked about); `partial`: some do; `down`: none. */
export type LabState = 'up' | 'partial' | 'down';

export interface LabStateOptions {
  /** The lab's directory; default labDir(root, env). */
  dir?: string;
  /** Ask about these components only: then the answer is `up` or `down`. */
  components?: string[];
  env?: NodeJS.ProcessEnv;
}

/** `lab.sh status --quiet [components]`, read from its exit code (0 up, 3 partial, 1 down). */
export function labState(root: string, options: LabStateOptions = {}): Promise<LabState> {
  const env = options.env ?? process.env;
  const dir = options.dir ?? labDir(root, env);
  const args = [path.join(root, 'lab', 'lab.sh'), 'status', '--quiet', ...(options.components ?? [])];
  return new Promise((done, fail) => {
    execFile('bash', args, { cwd: root, env: { ...env, OFFLOAD_LAB_DIR: dir }, timeout: 30_000 }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : error.code;
      if (code === 0) done('up');
      else if (code === 3) done('partial');
      else if (code === 1) done('down');
      else fail(new Error(`lab.sh status --quiet for ${dir} exited with ${String(code ?? error?.signal)}: ${stderr.trim()}`));
    });
  });
}
