import { grantedLimit, meteredLimits, type Plan } from '../plans/types.js';

export interface UpgradeSuggestion { planId: string; limit: number | null }

/** The cheapest public, active plan (other than the current one) whose limit for `metric` fits `needed`; null if none. */
export function suggestUpgrade(plans: readonly Plan[], currentPlanId: string, metric: string, needed: number): UpgradeSuggestion | null {
  const limitOf = (p: Plan): number | null => grantedLimit(meteredLimits(p.entitlements), metric);
  const fits = plans.filter((p) => p.isActive && p.tenantId === null && p.id !== currentPlanId)
    .filter((p) => limitOf(p) === null || limitOf(p)! >= needed)
    .sort((a, b) => a.priceMonthlyCents - b.priceMonthlyCents || a.rank - b.rank || a.id.localeCompare(b.id));
  const best = fits[0];
  return best ? { planId: best.id, limit: limitOf(best) } : null;
}
