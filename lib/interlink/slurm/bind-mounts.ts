import { BINDS_TEXT, PATH_VALUE, UNNORMAL_PATH } from '../admission/admission-patterns';
import { CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH } from '../services/mount-paths';
import type { Issue } from '../services/service';
import { oneLineProblem } from './shell-text';
import { ANY_SITE, bindRootError, type SiteRules } from '../services/site-rules';

// The `slurm-job.vk.io/singularity-mounts` annotation as rows. The plugin appends the value
// verbatim to the singularity command line, unquoted (the Slurm plugin's pkg/slurm/prepare.go), so it is rendered as
// one `--bind src:dst[:ro]` per row, the form of OSCAR's own examples, which every
// Singularity/Apptainer release reads. Paths are restricted to characters the shell passes
// through unchanged: a space, quote, `$` or `*` would be re-read by the shell, and `:` or `,`
// would be read by Singularity as separators. Paths are written one way only (no `//`, `.` or
// `..`), so that where a source lies is decided by its text: under the roots the site allows,
// never inside (or above) the plugin's job directory (site-rules.ts). The admission policy
// applies the same patterns (admission-patterns.ts).

export interface BindMount {
  /** Absolute path on the HPC host. */
  hostPath: string;
  /** Absolute path inside the container. */
  containerPath: string;
  readOnly: boolean;
}

const SAFE_PATH = new RegExp(PATH_VALUE);
const UNNORMAL = new RegExp(UNNORMAL_PATH);

/** Why `path` cannot be a bind path, or null. */
export function bindPathError(path: string): string | null {
  if (path === '') return 'is required';
  if (!path.startsWith('/')) return `'${path}' must be an absolute path (starting with /)`;
  if (/[:,]/.test(path)) return `'${path}' must not contain ':' or ',': Singularity reads them as separators`;
  if (/\s/.test(path)) return `'${path}' must not contain whitespace: the plugin pastes mounts into the command unquoted`;
  if (!SAFE_PATH.test(path)) {
    return `'${path}' may contain only letters, digits and / . _ - + @ % = ~ (the plugin pastes mounts into a shell command unquoted)`;
  }
  if (UNNORMAL.test(path)) return `'${path}' must be written without '//', '.' or '..' parts`;
  return null;
}

/** Paths Offload mounts itself: the script's ConfigMap and the secrets. */
const RESERVED_TARGETS = [CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH];

/** Every problem with the rows; paths are relative to the list, e.g. [0, 'hostPath']. */
export function validateBindMounts(mounts: readonly BindMount[], site: SiteRules = ANY_SITE): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  mounts.forEach((m, i) => {
    const host = bindPathError(m.hostPath) ?? bindRootError(m.hostPath, site);
    if (host !== null) issues.push({ path: [i, 'hostPath'], message: host });
    const target = bindPathError(m.containerPath);
    if (target !== null) issues.push({ path: [i, 'containerPath'], message: target });
    const normal = m.containerPath.replace(/\/+$/, '') || '/';
    if (RESERVED_TARGETS.some((r) => normal === r || normal.startsWith(`${r}/`))) {
      issues.push({
        path: [i, 'containerPath'],
        message: `'${m.containerPath}' is where Offload mounts the script and secrets; choose another path`,
      });
    } else if (seen.has(normal)) {
      issues.push({ path: [i, 'containerPath'], message: `'${m.containerPath}' is mounted twice` });
    }
    seen.add(normal);
  });
  return issues;
}

/** The annotation value. Does not validate: validateBindMounts says what is wrong. */
export function renderBindMounts(mounts: readonly BindMount[]): string {
  return mounts.map((m) => `--bind ${m.hostPath}:${m.containerPath}${m.readOnly ? ':ro' : ''}`).join(' ');
}

export interface ParsedMounts {
  mounts: BindMount[];
  /** Syntax problems (path []) and row problems (path [index, field]). */
  issues: Issue[];
}

/**
 * Reads a value written by a person or by OSCAR: `--bind a:b`, `-B a:b,c:d:ro`, `--bind=a`
 * (target = source, as in Singularity). Whatever it reads is then validated as rows are.
 */
export function parseBindMounts(text: string, site: SiteRules = ANY_SITE): ParsedMounts {
  const line = oneLineProblem(text);
  if (line !== null) return { mounts: [], issues: [{ path: [], message: line }] };
  const mounts: BindMount[] = [];
  const issues: Issue[] = [];
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    let spec: string | undefined;
    if (token === '--bind' || token === '-B') spec = tokens[++i];
    else if (token.startsWith('--bind=')) spec = token.slice('--bind='.length);
    else {
      issues.push({
        path: [],
        message: `'${token}' is not a bind; write --bind src:dst[:ro] and put other options in singularity options`,
      });
      continue;
    }
    if (spec === undefined || spec === '') {
      issues.push({ path: [], message: `${token} needs a value, written --bind src:dst[:ro]` });
      continue;
    }
    for (const one of spec.split(',')) {
      const [hostPath = '', containerPath = hostPath, option, ...rest] = one.split(':');
      if (rest.length > 0 || (option !== undefined && option !== 'ro' && option !== 'rw')) {
        issues.push({ path: [], message: `'${one}' is not src:dst[:ro]; paths must not contain ':'` });
        continue;
      }
      mounts.push({ hostPath, containerPath, readOnly: option === 'ro' });
    }
  }
  const all = [...issues, ...validateBindMounts(mounts, site)];
  // What the rows do not explain (a tab between items, say) the policy's pattern still refuses.
  if (all.length === 0 && !new RegExp(BINDS_TEXT).test(text)) {
    all.push({
      path: [],
      message:
        'may contain only --bind, -B and paths of letters, digits and / . _ - + @ % = ~, with : and , between them, separated by spaces',
    });
  }
  return { mounts, issues: all };
}
