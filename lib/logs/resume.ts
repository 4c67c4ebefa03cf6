// Resuming a followed log after its stream broke (the virtual kubelet or an Offload server
// restarted) without showing a line twice. The released Slurm plugin cannot start a log at a
// time: it ignores `timestamps`, and `sinceTime` needs them (interlink-slurm-plugin
// pkg/slurm/GetLogs.go), so a reconnection reads the log again from its start (or its last
// `tailLines`). The resumer remembers the end of what was shown, finds it in the text read
// again, and passes on only what follows it; when it cannot find it, it says so rather than
// repeat lines silently. Pure.
//
// Matching ignores blank lines: the plugin's follow mode writes an empty line where the dump
// of what exists meets what it then follows (seen on the lab: `line 363\n\nline 364`), so a
// later read of the same log has it elsewhere or not at all.

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

/** Folds every run of line breaks into one, in text fed in chunks (a run may span two). */
class BreakFolder {
  private last = '';
  fold(chunk: string): string {
    let out = chunk.replace(/\n\n+/g, '\n');
    if (this.last === '\n' && out.startsWith('\n')) out = out.slice(1);
    if (out !== '') this.last = out.slice(-1);
    return out;
  }
}

/** Where, in `text`, its folded form reaches `length` characters (the earliest such place). */
function unfoldedIndex(text: string, length: number): number {
  if (length === 0) return 0;
  let kept = 0;
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' && last === '\n') continue;
    last = c ?? '';
    if (++kept === length) return i + 1;
  }
  return text.length;
}

export class LogResumer {
  /** Folded length of everything shown. */
  private received = 0;
  private head = '';
  private tail = '';
  private shownFolder = new BreakFolder();
  /** Line breaks the shown text ends with, before folding: a re-read's same run is skipped whole. */
  private trailingBreaks = 0;
  /** Text read since a reconnection, held until the old end is found in it. */
  private pending: string | null = null;
  private pendingFolded = '';
  private pendingFolder = new BreakFolder();
  outcome: ResumeOutcome = 'passing';

  /** A new connection begins: until the old end is found, its text is held back. */
  reconnect(): void {
    if (this.received === 0) return;
    this.pending = '';
    this.pendingFolded = '';
    this.pendingFolder = new BreakFolder();
    this.outcome = 'searching';
  }

  /** Text received on the current connection; returns what is new, to show. */
  accept(chunk: string): string {
    if (this.pending === null) return this.pass(chunk);
    this.pending += chunk;
    this.pendingFolded += this.pendingFolder.fold(chunk);
    const end = this.oldEnd(this.pendingFolded);
    if (end !== null) {
      const rest = this.pending.slice(this.restStart(this.pending, end));
      this.pending = null;
      this.outcome = 'passing';
      return this.pass(rest);
    }
    if (this.pendingFolded.length > this.received + SEARCH_LIMIT_CHARS) return this.giveUp();
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
    if (this.pendingFolded.length < this.received) {
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
    const folded = this.shownFolder.fold(text);
    const kept = text.replace(/\n+$/, '');
    this.trailingBreaks = kept.length === 0 ? this.trailingBreaks + text.length : text.length - kept.length;
    this.received += folded.length;
    if (this.head.length < FINGERPRINT_CHARS) this.head = (this.head + folded).slice(0, FINGERPRINT_CHARS);
    this.tail = (this.tail + folded).slice(-FINGERPRINT_CHARS);
    return text;
  }

  /** Where new text starts in `text`, whose folded form matched the old end at `end`. */
  private restStart(text: string, end: number): number {
    let at = unfoldedIndex(text, end);
    if (text[at - 1] !== '\n') return at;
    for (let extra = this.trailingBreaks - 1; extra > 0 && text[at] === '\n'; extra--) at++;
    return at;
  }

  /** Where the text shown before ends in the folded `text`, or null while that cannot be told yet. */
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

/** The last line Offload writes into a followed log it stops on purpose (lib/jobs/followed-log.ts). */
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
