import 'server-only';

import { errorText, log } from '@/lib/observability/log';

import { backoffDelay, watchTimeoutSeconds } from './backoff';
import type { Connection } from './config';
import { isExpired, isKubeError, type KubeErrorCode } from '@/lib/errors';
import { requestJson } from './http';
import type { ResourceName, ResourceSpec } from './resources';
import { ObjectStore, type Change, type KubeObject } from './store';
import { watchOnce } from './watch';

// One list+watch loop for one resource kind (client-go's reflector): list, then watch from
// the list's resourceVersion; when a watch ends, watch again from the last resourceVersion
// seen (events and bookmarks advance it); on 410 Gone list again; on any other failure wait
// with backoff and retry. "Synced" becomes true after the first complete list, never before.

export type RestartReason = 'timeout' | 'expired' | 'error';

export interface InformerStatus {
  resource: ResourceName;
  synced: boolean;
  state: 'starting' | 'listing' | 'watching' | 'retrying' | 'stopped';
  items: number;
  /** Consecutive failures; 0 while healthy. */
  failures: number;
  lastError: { code: KubeErrorCode | 'internal'; message: string; at: string } | null;
  restarts: Record<RestartReason, number>;
}

type Listener<T> = (changes: readonly Change<T>[]) => void;

interface ListAnswer<T> {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}

export class Informer<T extends KubeObject> {
  readonly store = new ObjectStore<T>();
  private readonly listeners = new Set<Listener<T>>();
  private readonly abort = new AbortController();
  private readonly status_: InformerStatus;
  private syncWaiters: Array<() => void> = [];

  constructor(
    private readonly conn: Connection,
    readonly name: ResourceName,
    private readonly spec: ResourceSpec,
  ) {
    this.status_ = {
      resource: name,
      synced: false,
      state: 'starting',
      items: 0,
      failures: 0,
      lastError: null,
      restarts: { timeout: 0, expired: 0, error: 0 },
    };
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.status_.state = 'stopped';
    this.abort.abort();
  }

  status(): InformerStatus {
    return { ...this.status_, items: this.store.size, restarts: { ...this.status_.restarts } };
  }

  /** Listeners get every batch of changes, synchronously; they must not block. */
  onChange(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True once synced; false if `timeoutMs` passes first. */
  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.status_.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.abort.signal.aborted) {
      try {
        if (needList) {
          await this.list();
          needList = false;
        }
        const options = {
          resourceVersion: this.store.resourceVersion ?? '',
          timeoutSeconds: watchTimeoutSeconds(),
          signal: this.abort.signal,
          onOpen: () => this.healthy(),
        };
        await watchOnce(this.conn, this.spec.path, options, (e) => {
          if (e.type === 'BOOKMARK') {
            const rv = (e.object as KubeObject | null)?.metadata?.resourceVersion;
            if (rv) this.store.resourceVersion = rv;
          } else {
            const change = this.store.apply(e.type, e.object as T);
            if (change !== null) this.emit([change]);
          }
        });
        if (!this.abort.signal.aborted) this.status_.restarts.timeout++;
      } catch (err) {
        if (this.abort.signal.aborted) break;
        if (isExpired(err)) {
          // Our resourceVersion is gone from the API server's history: list again, at once.
          this.status_.restarts.expired++;
          needList = true;
          continue;
        }
        this.fail(err);
        await sleep(backoffDelay(this.status_.failures), this.abort.signal);
      }
    }
  }

  private async list(): Promise<void> {
    this.status_.state = 'listing';
    const items: T[] = [];
    let resourceVersion = '';
    let cont: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '500', ...(cont ? { continue: cont } : {}) });
      const page = await requestJson<ListAnswer<T>>(this.conn, `${this.spec.path}?${query}`, {
        signal: this.abort.signal,
        timeoutMs: 60_000,
      });
      items.push(...(page.items ?? []));
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      cont = page.metadata?.continue || undefined;
    } while (cont !== undefined);
    const changes = this.store.replace(items, resourceVersion);
    this.healthy();
    if (!this.status_.synced) {
      this.status_.synced = true;
      log.info('cache synced', { resource: this.name, items: items.length });
      for (const wake of this.syncWaiters) wake();
      this.syncWaiters = [];
    }
    if (changes.length > 0) this.emit(changes);
  }

  private healthy(): void {
    this.status_.state = 'watching';
    this.status_.failures = 0;
    this.status_.lastError = null;
  }

  private fail(err: unknown): void {
    this.status_.state = 'retrying';
    this.status_.failures++;
    this.status_.restarts.error++;
    const code = isKubeError(err) ? err.code : 'internal';
    this.status_.lastError = { code, message: errorText(err), at: new Date().toISOString() };
    log.warn('watch failed', { resource: this.name, failures: this.status_.failures, code, err: errorText(err) });
  }

  private emit(changes: readonly Change<T>[]): void {
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch (err) {
        log.error('cache listener failed', { resource: this.name, err: errorText(err) });
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
