// What a site decides about offloaded jobs, beyond the rules every site shares: which paths of
// the HPC side a job may bind, and whether a pre-exec (shell run as the plugin's account on the
// HPC side) is allowed at all. The admission policy reads the same settings from its
// parameter ConfigMap (deploy/admission/, the chart's admissionPolicy values).

export interface SiteRules {
  /** A bind source must be one of these directories or lie under one. */
  allowedBindRoots: readonly string[];
  /**
   * A bind source must not be one of these, lie under one, or contain one: the plugin's job
   * directory (its DataRootFolder), where every job's script, env file and Slurm job id lie.
   */
  refusedBindRoots: readonly string[];
  preExec: 'allow' | 'refuse';
}

/** Offload's own checks when the site has not said more: binds anywhere, pre-exec allowed. */
export const ANY_SITE: SiteRules = { allowedBindRoots: ['/'], refusedBindRoots: [], preExec: 'allow' };

/** `/a/b/` → `/a/b`; `/` stays. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Is `path` the directory `root` or inside it? Both normalized (no `//`, `.` or `..`). */
export function isUnder(path: string, root: string): boolean {
  const p = withoutTrailingSlash(path);
  const r = withoutTrailingSlash(root);
  return p === r || p.startsWith(r === '/' ? '/' : `${r}/`);
}

/** Why `source` may not be bound on this site, or null. */
export function bindRootError(source: string, site: SiteRules): string | null {
  const refused = site.refusedBindRoots.find((r) => isUnder(source, r) || isUnder(r, source));
  if (refused !== undefined) {
    return isUnder(source, refused)
      ? `'${source}' is inside ${refused}, the plugin's job directory, which holds every job's files`
      : `'${source}' contains ${refused}, the plugin's job directory, which holds every job's files`;
  }
  if (site.allowedBindRoots.some((r) => isUnder(source, r))) return null;
  return `'${source}' is outside the directories this site allows binds from: ${site.allowedBindRoots.join(', ') || '(none)'}`;
}

/** Space-separated words of a parameter value, as the policy splits them. */
export function words(text: string | undefined): string[] {
  return (text ?? '').split(' ').filter((w) => w !== '');
}
