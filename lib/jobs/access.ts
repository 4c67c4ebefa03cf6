import 'server-only';

import type { JobView } from '@/lib/interlink/jobs/job-view';
import { LIST_ALL_JOBS, LIST_ALL_PODS, authorize, isAllowed, type Access, type Identity } from '@/lib/k8s/access';
import { Forbidden } from '@/lib/errors';

// Which job rows an identity may see. Rows come from the shared cache (read as the server),
// so each is shown only to someone who may list its kind there: a Job row needs `list
// jobs` in its namespace, a bare-pod row `list pods`. A user allowed in only some
// namespaces gets exactly those rows, not an error. Answers are the access cache's (30 s).

export const listJobsIn = (namespace: string): Access => ({ verb: 'list', resource: 'jobs', group: 'batch', namespace });
export const listPodsIn = (namespace: string): Access => ({ verb: 'list', resource: 'pods', namespace });
export const listEventsIn = (namespace: string): Access => ({ verb: 'list', resource: 'events', namespace });

export type RowFilter = (row: Pick<JobView, 'kind' | 'namespace'>) => boolean;

/** Refuses (403) when a specific namespace is asked for and may not be read. */
export async function requireNamespace(identity: Identity, namespace: string): Promise<void> {
  await authorize(identity, listJobsIn(namespace));
}

/**
 * A synchronous filter for the rows of the given namespaces. Namespaces not checked here are
 * refused by it; `extend` checks more later (the SSE stream, as new namespaces appear).
 */
export class RowAccess {
  private readonly verdicts = new Map<string, { Job: boolean; Pod: boolean }>();
  private all = false;

  constructor(private readonly identity: Identity) {}

  async load(namespaces: Iterable<string>): Promise<RowFilter> {
    if (this.identity.kind === 'server') this.all = true;
    else {
      const [jobs, pods] = await Promise.all([isAllowed(this.identity, LIST_ALL_JOBS), isAllowed(this.identity, LIST_ALL_PODS)]);
      this.all = jobs && pods;
    }
    if (!this.all) await Promise.all([...new Set(namespaces)].map((ns) => this.check(ns)));
    return this.filter;
  }

  /** Every row passes the filter (the server's identity, or list jobs and pods everywhere). */
  get seesAll(): boolean {
    return this.all;
  }

  /** Whether this namespace has a verdict yet (else `check` it before deciding). */
  knows(namespace: string): boolean {
    return this.all || this.verdicts.has(namespace);
  }

  async check(namespace: string): Promise<void> {
    if (this.knows(namespace)) return;
    const [Job, Pod] = await Promise.all([
      isAllowed(this.identity, listJobsIn(namespace)),
      isAllowed(this.identity, listPodsIn(namespace)),
    ]);
    this.verdicts.set(namespace, { Job, Pod });
  }

  /**
   * Asks every granted verdict again; throws Forbidden when one was withdrawn (and
   * Unauthorized when the token is no longer accepted), so a long-lived stream does not
   * outlive the permissions it was opened with.
   */
  async recheck(): Promise<void> {
    if (this.identity.kind === 'server') return;
    if (this.all) {
      const [jobs, pods] = await Promise.all([isAllowed(this.identity, LIST_ALL_JOBS), isAllowed(this.identity, LIST_ALL_PODS)]);
      if (!(jobs && pods)) throw new Forbidden('You may no longer list jobs and pods in all namespaces.');
      return;
    }
    for (const [namespace, was] of this.verdicts) {
      if (!was.Job && !was.Pod) continue;
      const [Job, Pod] = await Promise.all([
        isAllowed(this.identity, listJobsIn(namespace)),
        isAllowed(this.identity, listPodsIn(namespace)),
      ]);
      if ((was.Job && !Job) || (was.Pod && !Pod)) throw new Forbidden(`You may no longer list jobs in namespace ${namespace}.`);
    }
  }

  readonly filter: RowFilter = (row) => this.all || this.verdicts.get(row.namespace)?.[row.kind] === true;
}
