// (5) First-load JavaScript of each page: the gzip sizes of the JS chunks a page's HTML
// names (its <script> tags and the chunks its inline React payload loads for hydration),
// measured the same way for Offload and for a blank Next.js page built here from the very
// same next/react/react-dom.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { freePort } from '../scripts/lib/offload-server.ts';
import { ROOT } from './cluster.ts';
import { asAdmin } from './http.ts';

const CHUNK = /\/_next\/static\/[^"'\s\\<>?]+?\.js/g;

/**
 * The JS chunk paths (`/_next/static/...js`) an HTML page loads on first load. A chunk named
 * only by a `nomodule` script (the legacy polyfills) is not loaded by a current browser.
 */
export function chunksOf(html: string): string[] {
  // Script tags and the chunk lists of the inline React payload alike.
  const loaded = html.replace(/<script\b[^>]*\snomodule\b[^>]*>/gi, '').match(CHUNK) ?? [];
  return [...new Set(loaded)].sort();
}

export function gzipBytes(files: readonly string[], staticDir: string): number {
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(path.join(staticDir, f.replace(/^\/_next\/static\//, '')))).length;
  return total;
}

/** Pages need a session (proxy.ts): sign in with the token as the sign-in page does. */
async function sessionCookie(base: string, token: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ token }),
  });
  if (!r.ok) throw new Error(`token sign-in: ${r.status} ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .filter((c) => !c.includes('Max-Age=0'))
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function pageWeight(
  base: string,
  route: string,
  staticDir: string,
  token: string,
): Promise<{ bytes: number; chunks: number }> {
  // The blank page (no token) has no sign-in; Offload's pages need the session.
  const headers = token === '' ? {} : { ...asAdmin(token), cookie: await sessionCookie(base, token) };
  const r = await fetch(`${base}${route}`, { headers, redirect: 'manual' });
  // A redirect (to /signin) would measure another page: refuse rather than report it.
  if (r.status !== 200) throw new Error(`GET ${route}: ${r.status} ${r.headers.get('location') ?? ''}`);
  const chunks = chunksOf(await r.text());
  if (chunks.length === 0) throw new Error(`GET ${route}: no JS chunks found in the HTML`);
  return { bytes: gzipBytes(chunks, staticDir), chunks: chunks.length };
}

const BLANK_VERSIONS = ['next', 'react', 'react-dom'] as const;

/**
 * Builds and serves a blank app-router page in a temporary directory with this checkout's
 * node_modules (hard-linked: the same next/react/react-dom files), measures it, and removes it.
 * Outside the checkout, so nothing of Offload's (instrumentation, config) leaks into it.
 */
export async function blankPageWeight(log: (s: string) => void): Promise<{ bytes: number; chunks: number; versions: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'offload-blank-'));
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  // Turbopack refuses a node_modules symlinked from outside its root; hard links are files.
  await run('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')], dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'blank', private: true }));
  writeFileSync(
    path.join(dir, 'app', 'layout.js'),
    'export default function RootLayout({ children }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n',
  );
  writeFileSync(path.join(dir, 'app', 'page.js'), 'export default function Page() {\n  return <main>Blank</main>;\n}\n');
  const versions = BLANK_VERSIONS.map(
    (p) => `${p}@${(JSON.parse(readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version}`,
  ).join(' ');
  const next = path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');
  log(`blank page: building with ${versions}`);
  await run(process.execPath, [next, 'build'], dir);
  const port = await freePort();
  const server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    stdio: 'ignore',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (
      let i = 0;
      i < 60 &&
      !(await fetch(base).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 500));
    const w = await pageWeight(base, '/', path.join(dir, '.next', 'static'), '');
    return { ...w, versions };
  } finally {
    server.kill('SIGTERM');
    if (process.env.KEEP_BLANK === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${args.join(' ')} in ${cwd} exited with ${code}:\n${out.slice(-3000)}`)),
    );
  });
}
