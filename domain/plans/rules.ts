import type { ErrorCode } from '../errors.js';
import { FREE_PLAN_ID, TRIAL_PLAN_ID } from './catalog.js';
import type { Plan } from './types.js';

// Invariants every plan in the catalog keeps, whoever writes it (admin API or Stripe sync).

/** The lifecycle falls back to the free plan and trials on the starter plan: both must stay public and active. */
export const REQUIRED_PLAN_IDS: readonly string[] = [FREE_PLAN_ID, TRIAL_PLAN_ID];

export const PLAN_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const TENANT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

export interface PlanViolation { code: Extract<ErrorCode, 'VALIDATION_FAILED' | 'CONFLICT'>; message: string }

/** The first broken invariant of a plan (a bad input, or a conflict with what the lifecycle needs), or null when the plan is sound. */
export function planInvariantViolation(plan: Pick<Plan, 'id' | 'tenantId' | 'manualInvoicing' | 'isActive'>): PlanViolation | null {
  if (plan.manualInvoicing && plan.tenantId === null) return { code: 'VALIDATION_FAILED', message: 'manualInvoicing is only for enterprise plans bound to a tenant (set tenantId)' };
  if (REQUIRED_PLAN_IDS.includes(plan.id)) {
    if (!plan.isActive) return { code: 'CONFLICT', message: `plan '${plan.id}' is required by the tenant lifecycle and cannot be deactivated` };
    if (plan.tenantId !== null) return { code: 'CONFLICT', message: `plan '${plan.id}' is required by the tenant lifecycle and must stay public` };
  }
  return null;
}

/** True when a tenant (or an anonymous caller, tenantId null) may see and choose the plan. */
export function isPlanVisibleTo(plan: Pick<Plan, 'isActive' | 'tenantId'>, tenantId: string | null): boolean {
  return plan.isActive && (plan.tenantId === null || plan.tenantId === tenantId);
}

/** Catalog order: smaller plans first (rank, then price, then id), so lists and comparisons read left to right. */
export function byCatalogOrder(a: Plan, b: Plan): number {
  return a.rank - b.rank || a.priceMonthlyCents - b.priceMonthlyCents || a.id.localeCompare(b.id);
}
