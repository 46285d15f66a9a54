import type { PlanRecord } from '../../../db/queries/plan-catalog.js';
import { annualSavings } from '../../../domain/plans/pricing.js';
import { meteredLimits, type Plan } from '../../../domain/plans/types.js';

// API views of a plan: admins see everything, tenants and visitors see no Stripe ids and no binding. Both keep
// `limits` (the metered entitlements) for clients written before entitlements.

/** The admin view: every stored field, timestamps as ISO strings. */
export function toAdminPlanView(plan: PlanRecord) {
  return { ...plan, version: plan.version ?? 1, limits: meteredLimits(plan.entitlements), createdAt: plan.createdAt.toISOString(), updatedAt: plan.updatedAt.toISOString() };
}

/** The public view, with the annual savings; `enterprise` marks the caller's own bound plans. */
export function toPublicPlanView(plan: Plan) {
  return {
    id: plan.id, name: plan.name, description: plan.description, rank: plan.rank, currency: plan.currency,
    priceMonthlyCents: plan.priceMonthlyCents, priceAnnualCents: plan.priceAnnualCents,
    entitlements: plan.entitlements, limits: meteredLimits(plan.entitlements), features: plan.features,
    manualInvoicing: plan.manualInvoicing, enterprise: plan.tenantId !== null, annualSavings: annualSavings(plan),
  };
}
