// Resuming a followed log after its stream broke (the virtual kubelet or an Offload server
// restarted) without showing a line twice. The released Slurm plugin cannot start a log at a
// time: it ignores `timestamps`, and `sinceTime` needs them (interlink-slurm-plugin
// pkg/slurm/GetLogs.go), so a reconnection reads the log again from its start (or its last
// `tailLines`). The resumer remembers the end of what was shown, finds it in the text read
// again, and passes on only what follows it; when it cannot find it, it says so rather than
// repeat lines silently. Pure.

/**
 * How much of the shown text identifies where it ended. Short on purpose: what a connection
 * received first may not come again (the plugin writes "Cannot open in follow mode … sleeping
 * before retrying..." into a follow started before the program's output file exists), so only
 * the recent end can be looked for.
 */
export const FINGERPRINT_CHARS = 256;
/** How far past the old end to look for it before giving up (a log re-sent whole is found at once). */
export const SEARCH_LIMIT_CHARS = 64 * 1024;

export type ResumeOutcome = 'passing' | 'searching' | 'unverified';

export class LogResumer {
  private received = 0;
  private head = '';
  private tail = '';
  /** Text read since a reconnection, held until the old end is found in it. */
  private pending: string | null = null;
  outcome: ResumeOutcome = 'passing';

  /** A new connection begins: until the old end is found, its text is held back. */
  reconnect(): void {
    if (this.received === 0) return;
    this.pending = '';
    this.outcome = 'searching';
  }

  /** Text received on the current connection; returns what is new, to show. */
  accept(chunk: string): string {
    if (this.pending === null) return this.pass(chunk);
    this.pending += chunk;
    const end = this.oldEnd(this.pending);
    if (end !== null) {
      const rest = this.pending.slice(end);
      this.pending = null;
      this.outcome = 'passing';
      return this.pass(rest);
    }
    if (this.pending.length > this.received + SEARCH_LIMIT_CHARS) return this.giveUp();
    return '';
  }

  /**
   * The connection ended. Text still held is shown, unverified, only if it cannot be a re-read
   * cut short: one that ended before reaching the old end (a source going away again mid-read)
   * is dropped, and the next connection searches again. Showing it would count it as new and
   * put the next match too far on, skipping lines (seen in npm run soak).
   */
  ended(): string {
    if (this.pending === null) return '';
    if (this.pending.length < this.received) {
      this.pending = null;
      return '';
    }
    return this.giveUp();
  }

  private giveUp(): string {
    const all = this.pending ?? '';
    this.pending = null;
    this.outcome = 'unverified';
    return this.pass(all);
  }

  private pass(text: string): string {
    this.received += text.length;
    if (this.head.length < FINGERPRINT_CHARS) this.head = (this.head + text).slice(0, FINGERPRINT_CHARS);
    this.tail = (this.tail + text).slice(-FINGERPRINT_CHARS);
    return text;
  }

  /** Where the text shown before ends in `text`, or null while that cannot be told yet. */
  private oldEnd(text: string): number | null {
    // Read again from the start (the usual case): the old end is where the old text ended.
    const fromStart = text.length >= this.head.length ? text.startsWith(this.head) : this.head.startsWith(text);
    if (fromStart) {
      if (text.length < this.received) return null;
      if (text.slice(this.received - this.tail.length, this.received) === this.tail) return this.received;
    }
    // Read from a later start (tailLines): where the end of the old text first appears.
    const at = text.indexOf(this.tail);
    return at < 0 ? null : at + this.tail.length;
  }
}

/** The last line Offload writes into a followed log it stops on purpose (lib/live/followed-log.ts). */
export const STOPPED_FOLLOWING = '— Offload stopped following this log';

/** Whether a followed log ended because Offload ended it on purpose (then it is not resumed). */
export function endedOnPurpose(text: string): boolean {
  const trimmed = text.trimEnd();
  const last = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  return last.startsWith(STOPPED_FOLLOWING);
}

/**
 * A followed log with no byte for this long is read again: the released plugin's follow mode
 * can fall silent while the program still writes (seen in npm run soak after a virtual kubelet
 * restart), and a re-read costs one pass over the log's tail, which the resumer de-duplicates.
 */
export const LOG_STALL_MS = 45_000;

/** Pause before the n-th reconnection in a row (0-based), as the event stream's. */
export function resumeDelayMs(attempt: number): number {
  return [1_000, 2_000, 5_000, 10_000][Math.min(attempt, 3)] as number;
}
