// Limit arithmetic shared by the consume script's callers, the reports and the tests.
// A limit of null is unlimited; the grace percentage is extra headroom above the limit.

/** The highest usage consume still allows: limit + floor(limit * grace / 100); null when unlimited. */
export function graceCeiling(limit: number | null, gracePercent: number): number | null {
  if (limit === null) return null;
  return limit + Math.floor((limit * gracePercent) / 100);
}

/** How many more units consume would allow now (never negative); null when unlimited. */
export function remainingCapacity(used: number, limit: number | null, gracePercent: number): number | null {
  const ceiling = graceCeiling(limit, gracePercent);
  return ceiling === null ? null : Math.max(0, ceiling - used);
}

/** Usage as a percentage of the limit, one decimal; null when unlimited, 0 for a zero limit with no usage. */
export function usagePercent(used: number, limit: number | null): number | null {
  if (limit === null) return null;
  if (limit === 0) return used === 0 ? 0 : 100;
  return Math.round((used / limit) * 1000) / 10;
}
