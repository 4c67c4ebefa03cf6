import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { FINGERPRINT_CHARS, LogResumer, endedOnPurpose, resumeDelayMs } from './resume';

/** Feeds `text` in chunks cut at `cuts` (fractions), returning what the resumer passes on. */
function feed(r: LogResumer, text: string, cuts: readonly number[]): string {
  const points = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const p of [...points, text.length]) {
    out += r.accept(text.slice(from, p));
    from = p;
  }
  return out;
}

const logText = fc
  .array(fc.oneof(fc.constantFrom('line', 'x', 'same', ''), fc.string({ maxLength: 20 })), { maxLength: 200 })
  .map((ls) => ls.map((l) => `${l}\n`).join(''));

describe('LogResumer', () => {
  it('shows every line once when the log is read again from its start, however it was cut and chunked', () => {
    fc.assert(
      fc.property(
        logText,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (text, cut, first, second) => {
          const r = new LogResumer();
          const shownBefore = text.slice(0, Math.floor(cut * text.length));
          let shown = feed(r, shownBefore, first);
          r.reconnect();
          shown += feed(r, text, second);
          shown += r.ended();
          expect(shown).toBe(text);
          expect(r.outcome).toBe('passing');
        },
      ),
    );
  });

  it('still shows every line once when re-reads are cut short before the old end', () => {
    fc.assert(
      fc.property(
        logText,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
        (text, cut, shortReads) => {
          const r = new LogResumer();
          const before = Math.floor(cut * text.length);
          let shown = r.accept(text.slice(0, before));
          for (const s of shortReads) {
            r.reconnect();
            shown += r.accept(text.slice(0, Math.floor(s * before)));
            shown += r.ended();
          }
          r.reconnect();
          shown += r.accept(text) + r.ended();
          expect(shown).toBe(text);
        },
      ),
    );
  });

  it("finds the old end when what came first does not come again (the plugin's wait messages)", () => {
    const wait = 'Cannot open in follow mode the container logs /x/run-main.out because it does not exist yet, sleeping before retrying...';
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
    const r = new LogResumer();
    r.accept(`${wait}${wait}${lines(102)}`);
    r.reconnect();
    expect(r.accept(`header\n${lines(150)}`) + r.ended()).toBe(lines(150).slice(lines(102).length));
  });

  it('finds the old end in a log read again from a later start (tailLines)', () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `line ${i + 1}\n`).join('');
    const r = new LogResumer();
    const cut = lines.indexOf('line 1500\n');
    let shown = r.accept(lines.slice(0, cut));
    r.reconnect();
    shown += r.accept(lines.slice(lines.indexOf('line 1000\n')));
    expect(shown).toBe(lines);
  });

  it("finds the old end although the plugin put a blank line where a follow's dump met its live part", () => {
    const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');
    // The page followed the log: a dump up to line 363, the plugin's blank line, then live lines.
    const r = new LogResumer();
    let shown = r.accept(`${lines(1, 363)}\n`);
    shown += r.accept(lines(364, 370));
    r.reconnect();
    // A new follow after a restart: the whole log without that blank line, its own after line 410.
    shown += r.accept(`${lines(1, 410)}\n${lines(411, 420)}`);
    shown += r.ended();
    expect(r.outcome).toBe('passing');
    expect(shown).toBe(`${lines(1, 363)}\n${lines(364, 410)}\n${lines(411, 420)}`);
  });

  it('shows every line once when blank lines differ between readings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 150 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 150, maxLength: 150 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (firstBlanks, againBlanks, cut) => {
          const n = firstBlanks.length;
          const render = (blanks: readonly number[]) => blanks.map((b, i) => `line ${i + 1}\n${'\n'.repeat(b)}`).join('');
          const before = Math.max(1, Math.floor(cut * n));
          const r = new LogResumer();
          r.accept(render(firstBlanks.slice(0, before)));
          r.reconnect();
          const rest = r.accept(render(againBlanks.slice(0, n))) + r.ended();
          expect(r.outcome).toBe('passing');
          const numbers = rest
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => Number(l.slice(5)));
          expect(numbers).toEqual(Array.from({ length: n - before }, (_, i) => before + i + 1));
        },
      ),
    );
  });

  it('says so, and shows the text, when the old end never comes', () => {
    const r = new LogResumer();
    r.accept('a\n');
    r.reconnect();
    expect(r.accept('b\nc\n')).toBe('');
    expect(r.ended()).toBe('b\nc\n');
    expect(r.outcome).toBe('unverified');
  });

  it('drops a re-read cut short before the old end, and finds the end in the next one', () => {
    const text = `header\n${Array.from({ length: 300 }, (_, i) => `line ${i + 1}\n`).join('')}`;
    const r = new LogResumer();
    const at = text.indexOf('line 103\n');
    let shown = r.accept(text.slice(0, at));
    r.reconnect();
    shown += r.accept(text.slice(0, 40));
    shown += r.ended();
    r.reconnect();
    shown += r.accept(text);
    shown += r.ended();
    expect(shown).toBe(text);
  });

  it('keeps only a bounded fingerprint however long the log', () => {
    const r = new LogResumer();
    const long = 'y'.repeat(FINGERPRINT_CHARS * 3);
    r.accept(long);
    r.reconnect();
    expect(r.accept(`${long}z\n`)).toBe('z\n');
  });

  it('tells a log Offload stopped on purpose, and backs off', () => {
    expect(endedOnPurpose('a\n— Offload stopped following this log after 60 minutes, the longest. —\n')).toBe(true);
    expect(endedOnPurpose('a\nb\n')).toBe(false);
    expect([0, 1, 2, 3, 9].map(resumeDelayMs)).toEqual([1_000, 2_000, 5_000, 10_000, 10_000]);
  });
});
