import { effectiveAccess, effectiveEntitlements, nextTransition, paymentActionUrl, upgradeState, type NextTransition, type StoredTenantState, type TenantState } from '../../domain/lifecycle/index.js';
import type { Entitlement } from '../../domain/entitlements/entitlements.js';
import { entitlementValues, type EntitlementSource } from '../../domain/entitlements/resolve.js';
import { meteredLimits } from '../../domain/plans/types.js';
import { versionOf } from '../../domain/plans/versions.js';
import { upsertProjection, type TenantRow } from '../../db/queries/tenants.js';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';

const at = (ms: number | null | undefined): Date | null => (ms == null ? null : new Date(ms));

/** Maps the workflow state to the Postgres projection row (the mapping file for the tenants table). */
export function toProjection(state: TenantState): Omit<TenantRow, 'createdAt' | 'updatedAt'> {
  return {
    tenantId: state.tenantId,
    name: state.name,
    email: state.email,
    billingAddress: state.address,
    taxId: state.taxId,
    paymentActionUrl: paymentActionUrl(state),
    status: state.status,
    paymentStatus: state.paymentStatus,
    access: effectiveAccess(state),
    planId: state.plan.id,
    planName: state.plan.name,
    planVersion: versionOf(state.plan),
    limits: meteredLimits(entitlementValues(effectiveEntitlements(state, Date.now()))),
    trialStartedAt: at(state.trial?.startedAt),
    trialEndsAt: at(state.trial?.endsAt),
    stripeCustomerId: state.stripe.customerId,
    stripeSubscriptionId: state.subscription?.id ?? null,
    subscriptionStatus: state.subscription?.status ?? null,
    pendingPlanId: state.pendingChange?.plan.id ?? null,
    usagePeriodStart: at(state.usagePeriod.start),
    usagePeriodEnd: at(state.usagePeriod.end),
    suspendedAt: at(state.suspendedAt),
    lockedAt: at(state.lockedAt),
    lockedUntil: at(state.lockedUntil),
    pastDueSince: at(state.pastDueSince),
    version: state.version,
    state: state as unknown as Record<string, unknown>,
  };
}

/**
 * A row's effective entitlements at `now`: from the workflow state it holds (upgraded if it predates
 * entitlements), else (a row written without a state) its `limits` column as metered entitlements.
 */
export function entitlementsOfRow(row: Pick<TenantRow, 'state' | 'limits'>, now: number): Record<string, { value: Entitlement; source: EntitlementSource }> {
  const stored = storedStateOfRow(row);
  if (stored) return effectiveEntitlements(upgradeState(stored), now);
  const out: Record<string, { value: Entitlement; source: EntitlementSource }> = {};
  for (const [key, limit] of Object.entries(row.limits)) if (limit !== undefined) out[key] = { value: { limit }, source: 'plan' };
  return out;
}

/** When the row's tenant next changes access or plan (from the state it holds); null for a row without one. */
export function nextTransitionOfRow(row: Pick<TenantRow, 'state'>, now: number): NextTransition | null {
  const stored = storedStateOfRow(row);
  return stored ? nextTransition(stored, now) : null;
}

/** The workflow state a row holds, or null for a row written without one (a seed, a legacy import). */
function storedStateOfRow(row: Pick<TenantRow, 'state'>): StoredTenantState | null {
  const stored = row.state as Partial<StoredTenantState>;
  return stored.plan && stored.freePlan ? (stored as StoredTenantState) : null;
}

/** The row the projection would hold, built from the workflow's state: what readers get while the row is missing. */
export function toTenantRow(state: TenantState): TenantRow {
  return { ...toProjection(state), createdAt: new Date(state.createdAt), updatedAt: new Date(state.createdAt) };
}

/** Writes the projection; an older version never overwrites a newer one. */
export function persistProjection(deps: { db: Db; log: Pick<Logger, 'info'> }) {
  return async (state: TenantState): Promise<{ written: boolean }> => {
    const written = await upsertProjection(deps.db, toProjection(state));
    if (!written) deps.log.info({ tenantId: state.tenantId, version: state.version }, 'projection skipped: a newer version is stored');
    return { written };
  };
}
