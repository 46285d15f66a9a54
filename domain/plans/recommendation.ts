import { grantedLimit, meteredLimits, type Plan } from './types.js';

// Which plan GET /plans suggests. With usage: the cheapest plan whose every limit leaves headroom
// above current usage. Without usage (anonymous caller, or no counters yet): the default below.

/** Usage must fit in the limit with this much to spare, so a growing tenant is not at its limit the day after. */
export const HEADROOM_PERCENT = 20;

/** Counters by metered feature key. */
export type UsageByMetric = Readonly<Record<string, number>>;

export interface Recommendation {
  planId: string;
  basis: 'usage' | 'default';
  /** false when no plan leaves the headroom; the largest plan is then suggested. */
  fitsWithHeadroom: boolean;
  headroomPercent: number;
  /** Metrics the suggested plan leaves without headroom (empty when it fits). */
  tightMetrics: string[];
  reason: string;
}

const cheapestFirst = (a: Plan, b: Plan): number => a.priceMonthlyCents - b.priceMonthlyCents || a.rank - b.rank || a.id.localeCompare(b.id);

/** Metrics whose usage plus headroom exceeds the plan's limit (integer arithmetic, so 5 in use need a limit of 6). */
// Every measured feature counts; one the plan does not grant has a limit of 0.
export function tightMetrics(plan: Pick<Plan, 'entitlements'>, usage: UsageByMetric, headroomPercent = HEADROOM_PERCENT): string[] {
  const limits = meteredLimits(plan.entitlements);
  return Object.keys(usage).sort().filter((m) => {
    const limit = grantedLimit(limits, m);
    const used = usage[m] ?? 0;
    return limit !== null && used * (100 + headroomPercent) > limit * 100;
  });
}

/** The cheapest plan that fits usage with headroom; the highest-ranked plan when none fits; null for an empty list. */
export function recommendForUsage(plans: readonly Plan[], usage: UsageByMetric, headroomPercent = HEADROOM_PERCENT): Recommendation | null {
  const fitting = plans.filter((p) => tightMetrics(p, usage, headroomPercent).length === 0).sort(cheapestFirst);
  const best = fitting[0];
  if (best) {
    return { planId: best.id, basis: 'usage', fitsWithHeadroom: true, headroomPercent, tightMetrics: [], reason: `the cheapest plan that fits current usage with ${headroomPercent}% headroom` };
  }
  const largest = [...plans].sort((a, b) => b.rank - a.rank || cheapestFirst(a, b))[0];
  if (!largest) return null;
  const tight = tightMetrics(largest, usage, headroomPercent);
  return { planId: largest.id, basis: 'usage', fitsWithHeadroom: false, headroomPercent, tightMetrics: tight, reason: `no plan leaves ${headroomPercent}% headroom for ${tight.join(', ')}; the largest plan is suggested` };
}

/**
 * The suggestion without usage data: the cheapest paid public plan, the usual first step up from
 * free (falls back to the cheapest plan when none is paid); null for an empty list.
 */
export function defaultRecommendation(plans: readonly Plan[]): Recommendation | null {
  const publicPlans = plans.filter((p) => p.tenantId === null).sort(cheapestFirst);
  const pick = publicPlans.find((p) => p.priceMonthlyCents > 0) ?? publicPlans[0];
  if (!pick) return null;
  return { planId: pick.id, basis: 'default', fitsWithHeadroom: true, headroomPercent: HEADROOM_PERCENT, tightMetrics: [], reason: 'no usage data: the entry-level paid plan is suggested' };
}
