// Calendar days for the daily new-card limit, "due today/tomorrow" and streaks.
// By default days are the machine's local days (DST-correct); tests and callers may pin a fixed offset.

export interface DayOptions {
  /** Minutes east of UTC (e.g. 120 for UTC+2). Undefined: the local time zone of this process. */
  utcOffsetMinutes?: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function parts(ms: number, opts?: DayOptions): [number, number, number] {
  if (opts?.utcOffsetMinutes === undefined) {
    const d = new Date(ms);
    return [d.getFullYear(), d.getMonth(), d.getDate()];
  }
  const d = new Date(ms + opts.utcOffsetMinutes * 60_000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

function startOf(y: number, m: number, d: number, opts?: DayOptions): number {
  if (opts?.utcOffsetMinutes === undefined) return new Date(y, m, d).getTime();
  return Date.UTC(y, m, d) - opts.utcOffsetMinutes * 60_000;
}

/** `YYYY-MM-DD` of the day containing `ms`. */
export function dayKey(ms: number, opts?: DayOptions): string {
  const [y, m, d] = parts(ms, opts);
  return `${pad(y, 4)}-${pad(m + 1)}-${pad(d)}`;
}

/** Start (inclusive) of the day containing `ms`, shifted by `offsetDays` days. */
export function startOfDay(ms: number, opts?: DayOptions, offsetDays = 0): number {
  const [y, m, d] = parts(ms, opts);
  return startOf(y, m, d + offsetDays, opts);
}

/** The `YYYY-MM-DD` key `n` calendar days after `key` (n may be negative). */
export function addDaysToKey(key: string, n: number): string {
  const [y, m, d] = key.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function isDayKey(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDaysToKey(value, 0) === value; // rejects 2025-02-30
}
