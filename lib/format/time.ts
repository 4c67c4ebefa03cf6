// Human wording for times on the page. Pure: `now` is passed in, so output is testable and
// the same on server and client.

/** "45 s", "3 min", "2 h 5 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/**
 * Every unit, nothing rounded away: "30 min", "1 d", "1 d 12 h 30 min 15 s". For limits
 * such as a Slurm partition's, where a dropped half hour would mislead.
 */
export function formatExactDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor(s / 3_600) % 24, 'h'],
    [Math.floor(s / 60) % 60, 'min'],
    [s % 60, 's'],
  ];
  const words = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`);
  return words.length === 0 ? '0 s' : words.join(' ');
}

/** "12 s ago" from an ISO time, or null when there is none. */
export function ago(iso: string | null, now: number): string | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : `${formatDuration((now - t) / 1000)} ago`;
}

/** Seconds from an ISO time to now, never negative (clocks differ a little). */
export function secondsSince(iso: string | null, now: number): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, Math.round((now - t) / 1000));
}

/** "14:03:07" for today, "29 Nov 14:03" otherwise, in UTC so server and browser agree. */
export function formatClock(iso: string, now: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 19);
  if (sameDay) return `${time} UTC`;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${date} ${time.slice(0, 5)} UTC`;
}
