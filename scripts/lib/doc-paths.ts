// The repository paths a Markdown document names, for the test that they exist
// (scripts/docs-paths.test.ts). Pure.

export interface DocPath {
  path: string;
  /** A link target: relative to the document. Code spans name paths from the root. */
  relative: boolean;
}

const TOP_DIRS = ['app', 'components', 'lib', 'public', 'e2e', 'lab', 'docs', 'deploy', 'scripts', 'bench', '.ci'];
const TOP_FILES = [
  'README.md',
  'package.json',
  'package-lock.json',
  'next.config.js',
  'tsconfig.json',
  'Dockerfile',
  'proxy.ts',
  'instrumentation.ts',
  'eslint.config.mjs',
];
const PATH_CHARS = /^[\w.\-/[\]@]+$/;

/** `a/{b,c}.ts` → `a/b.ts`, `a/c.ts` (one level of braces, as the docs write them). */
export function expandBraces(p: string): string[] {
  const m = /\{([^{}]*)\}/.exec(p);
  if (m === null) return [p];
  const head = p.slice(0, m.index);
  const tail = p.slice(m.index + m[0].length);
  return (m[1] ?? '').split(',').flatMap((alt) => expandBraces(`${head}${alt}${tail}`));
}

function looksLikeRepoPath(p: string): boolean {
  if (!PATH_CHARS.test(p) || p.includes('..')) return false;
  if (TOP_FILES.includes(p)) return true;
  const first = p.split('/')[0] ?? '';
  return p.includes('/') && TOP_DIRS.includes(first);
}

/** Strips what follows a path in prose: a line or anchor suffix, trailing punctuation. */
function clean(raw: string): string {
  return raw
    .trim()
    .replace(/^[("'[]+/, '')
    .replace(/#.*$/, '')
    .replace(/:\d+(-\d+)?$/, '')
    .replace(/[.,;:)]+$/, '');
}

export function docPaths(markdown: string): DocPath[] {
  const out: DocPath[] = [];
  // Fenced blocks (the flow diagrams, commands) name files among other words: every word that
  // looks like a repository path counts.
  for (const block of markdown.matchAll(/```[\s\S]*?```/g)) {
    for (const word of block[0].split(/[\s─│▼▲►◄┐└┘┌]+/)) {
      for (const p of expandBraces(clean(word))) if (looksLikeRepoPath(p) && /\.\w+$/.test(p)) out.push({ path: p, relative: false });
    }
  }
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    // A code span may hold a command (`bash lab/lab.sh up`): each word is a candidate.
    for (const word of (m[1] ?? '').split(/\s+/)) {
      for (const p of expandBraces(clean(word))) if (looksLikeRepoPath(p)) out.push({ path: p, relative: false });
    }
  }
  for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = clean(m[1] ?? '');
    if (target === '' || /^[a-z]+:/i.test(target)) continue;
    out.push({ path: target, relative: true });
  }
  return out;
}
