import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { docPaths } from './lib/doc-paths';

// The docs are a map of the code: every repository path they name must exist, so a move that
// forgets a doc fails here rather than misleading a reader.

const ROOT = path.resolve(import.meta.dirname, '..');

function markdownFiles(): string[] {
  const top = [
    'README.md',
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const nested = ['lab', 'lib', 'deploy', 'bench', 'e2e', 'scripts', 'app', 'components'].flatMap((dir) =>
    (readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }) as string[])
      .filter((f) => f.endsWith('.md'))
      .map((f) => `${dir}/${f}`),
  );
  return [...top, ...nested];
}

describe('paths named by the docs', () => {
  const files = markdownFiles();

  it('finds the docs and the paths in them', () => {
    expect(files).toContain('docs/architecture.md');
    expect(files).toContain('lab/README.md');
    const named = files.flatMap((f) => docPaths(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(named.length).toBeGreaterThan(100);
  });

  it("reads the architecture's flow diagrams too", () => {
    const named = docPaths(readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8')).map((p) => p.path);
    expect(named).toEqual(
      expect.arrayContaining(['lib/k8s/informer.ts', 'lib/live/bus.ts', 'lib/client/events-reducer.ts', 'components/nodes/nodes-page.tsx']),
    );
  });

  it('reads code spans, braces and links, and skips what is not a repository path', () => {
    const text = 'See `lib/a/{b,c}.ts`, [x](../lab/README.md#y), `npm run lab -- up`, `.lab/kubeconfig`, [u](https://e.org/p).';
    expect(docPaths(text)).toEqual([
      { path: 'lib/a/b.ts', relative: false },
      { path: 'lib/a/c.ts', relative: false },
      { path: '../lab/README.md', relative: true },
    ]);
  });

  it.each(files)('%s names only paths that exist', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const missing = docPaths(text).filter((p) => {
      // Written by a run (npm run bench / soak), not part of the tree.
      if (/(^|\/)bench\/results\/[\w-]+\.json$/.test(p.path)) return false;
      const fromRoot = path.join(ROOT, p.path);
      const fromDoc = path.join(ROOT, path.dirname(file), p.path);
      return p.relative ? !existsSync(fromDoc) : !existsSync(fromRoot) && !existsSync(fromDoc);
    });
    expect(missing.map((p) => p.path)).toEqual([]);
  });
});
