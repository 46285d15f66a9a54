import type { MetricKind } from './metrics.js';

// The arithmetic behind GET /billings/usage: trend over past periods and projection to period end.
export type Trend = 'up' | 'down' | 'flat';

/** Beyond ±10% of the recent average counts as a trend. */
const TREND_BAND = 0.1;

/**
 * Compares the current period's (projected) usage with the average of past periods (newest first
 * or not, order does not matter); null without history to compare with.
 */
export function usageTrend(current: number, past: readonly number[]): Trend | null {
  if (past.length === 0) return null;
  const average = past.reduce((a, b) => a + b, 0) / past.length;
  if (average === 0) return current > 0 ? 'up' : 'flat';
  const change = (current - average) / average;
  if (change > TREND_BAND) return 'up';
  if (change < -TREND_BAND) return 'down';
  return 'flat';
}

/**
 * Usage expected at the end of the period. Monthly metrics extrapolate the rate so far linearly;
 * a gauge stays where it is; a read limit has no projection.
 */
export function projectToPeriodEnd(kind: MetricKind, used: number, period: { start: number; end: number }, now: number): number | null {
  if (kind === 'read') return null;
  if (kind === 'gauge') return used;
  const length = period.end - period.start;
  const elapsed = Math.min(Math.max(now - period.start, 0), length);
  if (length <= 0 || elapsed === 0) return used;
  // Early in a period the rate is noisy; never extrapolate from less than one hour.
  const basis = Math.max(elapsed, Math.min(3_600_000, length));
  return Math.round((used * length) / basis);
}
