// Counts in words: "1 job", "2 jobs", "0 jobs", "10,000 lines". One helper, so no page says
// "1 jobs" or falls back to "node(s)".

/** The noun for `n` of it: `singular` for exactly one, otherwise `plural` (default: +s). */
export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

/** `n` and its noun, the number grouped in English: count(1, 'job') = "1 job". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${noun(n, singular, plural)}`;
}
