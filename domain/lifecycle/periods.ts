// Monthly period arithmetic in UTC. Periods are counted from a fixed anchor so that a day the
// month lacks is clamped without drifting: Jan 31 -> Feb 28/29 -> Mar 31 -> Apr 30.
import type { Period } from './types.js';

const DAY_MS = 86_400_000;
/** A billing period at most this long is used as-is for usage; longer ones are split monthly. */
const MAX_MONTHLY_PERIOD_MS = 32 * DAY_MS;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The anchor moved by `months` calendar months, its day clamped to the target month's length. */
export function addMonthsClamped(anchorMs: number, months: number): number {
  const a = new Date(anchorMs);
  const total = a.getUTCFullYear() * 12 + a.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(a.getUTCDate(), daysInMonth(year, month));
  const timeOfDay = anchorMs - Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDay;
}

/** The monthly period, counted from `anchorMs`, that contains `t` (start inclusive, end exclusive). */
export function periodContaining(anchorMs: number, t: number): Period {
  const a = new Date(anchorMs);
  const b = new Date(t);
  let n = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  while (addMonthsClamped(anchorMs, n) > t) n -= 1;
  while (addMonthsClamped(anchorMs, n + 1) <= t) n += 1;
  return { start: addMonthsClamped(anchorMs, n), end: addMonthsClamped(anchorMs, n + 1) };
}

/** The usage period that follows `current` at `now`: contiguous, ending on the anchor's next boundary. */
export function nextUsagePeriod(current: Period, anchorMs: number, now: number): Period {
  const at = Math.max(now, current.end);
  const containing = periodContaining(anchorMs, at);
  return { start: Math.max(current.end, containing.start), end: containing.end };
}

/** The usage period a subscription's billing period implies at `now` (annual ones split monthly). */
export function billingUsagePeriod(billing: Period, now: number): Period {
  const isMonthly = billing.end - billing.start <= MAX_MONTHLY_PERIOD_MS;
  if (isMonthly && billing.start <= now && now < billing.end) return { start: billing.start, end: billing.end };
  return periodContaining(billing.start, now);
}
