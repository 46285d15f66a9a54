// Plans and their limits. A limit of `null` means unlimited.

export const METRICS = ['referred_users', 'campaigns', 'seats', 'leaderboard_entries', 'email_sends'] as const;
export type MetricName = (typeof METRICS)[number];

export type Limits = Record<MetricName, number | null>;

export type BillingInterval = 'month' | 'year';

export interface Plan {
  id: string;
  name: string;
  description: string;
  /** Ordering for upgrade/downgrade: a higher rank is a bigger plan. */
  rank: number;
  currency: string;
  priceMonthlyCents: number;
  priceAnnualCents: number | null;
  limits: Limits;
  features: string[];
  /** null: public plan; otherwise an enterprise plan bound to this tenant. */
  tenantId: string | null;
  manualInvoicing: boolean;
  stripeProductId: string | null;
  stripePriceId: string | null;
  stripeAnnualPriceId: string | null;
  isActive: boolean;
}

/** The part of a plan the lifecycle workflow carries in its state. */
export interface PlanSnapshot {
  id: string;
  name: string;
  rank: number;
  limits: Limits;
  stripePriceId: string | null;
}

/** Reduces a plan to the snapshot the workflow keeps. */
export function toPlanSnapshot(plan: Plan): PlanSnapshot {
  return { id: plan.id, name: plan.name, rank: plan.rank, limits: plan.limits, stripePriceId: plan.stripePriceId };
}
