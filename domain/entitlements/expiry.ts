// Override expiry for the lifecycle: the next `until` to wait for (beside nextDeadline), and which
// overrides a tick at `now` removes. An override is expired from its `until` on (until <= now),
// the same boundary as the admin lock's `lockedUntil`.
import type { EntitlementOverride } from './overrides.js';

/** The earliest `until` among the overrides, or null when none expires. */
export function nextOverrideDeadline(overrides: readonly EntitlementOverride[]): number | null {
  const times = overrides.flatMap((o) => (o.until === null ? [] : [o.until]));
  return times.length === 0 ? null : Math.min(...times);
}

export interface OverrideExpiry {
  /** The overrides whose `until` has come at `now`, in list order. */
  expired: EntitlementOverride[];
  /** The overrides that stay. */
  kept: EntitlementOverride[];
}

/** Splits the overrides into those expired at `now` and those kept; each list keeps the input order. */
export function expireOverrides(overrides: readonly EntitlementOverride[], now: number): OverrideExpiry {
  const isExpired = (o: EntitlementOverride) => o.until !== null && o.until <= now;
  return { expired: overrides.filter(isExpired), kept: overrides.filter((o) => !isExpired(o)) };
}
