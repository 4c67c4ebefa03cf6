// How often a query asks again: every few seconds until its first answer arrives (e.g. while
// the cluster is unreachable), then every `afterMs` (false: never, a stream keeps it fresh).

const UNTIL_LOADED_MS = 5_000;

export function refetchUntilLoaded(afterMs: number | false) {
  return (q: { state: { data: unknown; status: string } }): number | false => (q.state.data === undefined && q.state.status === 'error' ? UNTIL_LOADED_MS : afterMs);
}
