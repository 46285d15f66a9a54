// The downgrade check over entitlements: every gauge the caller measured (the service reads the
// catalog's gauge features, so the workflow needs no catalog) against the target plan's limit with the
// tenant's overrides in force. A gauge the target plan does not grant has a limit of 0.
import type { Entitlements } from './entitlements.js';
import type { EntitlementOverride } from './overrides.js';
import { applyOverrides } from './resolve.js';

export interface GaugeViolation { feature: string; usage: number; limit: number; over: number }

/** The gauges whose live usage exceeds the target plan's effective limit, in key order; empty when the downgrade may go ahead. */
export function gaugeViolations(target: Entitlements, overrides: readonly EntitlementOverride[], gaugeUsage: Readonly<Record<string, number>>, now: number): GaugeViolation[] {
  const granted = applyOverrides(target, overrides, now);
  return Object.keys(gaugeUsage).sort().flatMap((feature) => {
    const usage = gaugeUsage[feature] ?? 0;
    const value = granted[feature]?.value;
    const limit = value !== undefined && 'limit' in value ? value.limit : 0;
    return limit !== null && usage > limit ? [{ feature, usage, limit, over: usage - limit }] : [];
  });
}
