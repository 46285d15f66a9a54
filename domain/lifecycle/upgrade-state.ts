// The state upgrade for running workflows: states written before entitlements carry plan snapshots
// with `limits` and `limitOverrides`; states written before issue 17 have no `address`, `taxId`,
// `paymentActions` or `closure`. reduce() upgrades them first, so every later step (and the state
// carried through continue-as-new) has the current shape. Idempotent, and it changes no command, so
// old histories replay unchanged.
import { upgradeLimitOverrides, upgradePlanSnapshot, type StoredPlanSnapshot } from '../entitlements/legacy.js';
import type { PendingChange, StoredSubscription, TenantState } from './types.js';

/** Fields added after workflows were running: absent from the states those wrote. */
type AddedFields = 'overrides' | 'address' | 'taxId' | 'paymentActions' | 'closure';

/** A state as stored: the current shape, or one from before entitlements, the billing contact or account closing. */
export type StoredTenantState = Omit<TenantState, AddedFields> & Partial<Pick<TenantState, AddedFields>>;

/** A snapshot in the current shape: entitlements and no `limits` beside them. */
function isCurrent(plan: StoredPlanSnapshot | null): boolean {
  return plan === null || 'entitlements' in plan && !('limits' in plan);
}

// Every snapshot place, including the pending change: an input recorded before entitlements (a queued
// changePlan) can put a legacy snapshot there in an otherwise upgraded state.
function isUpgraded(state: StoredTenantState): state is TenantState {
  return state.overrides !== undefined && state.closure !== undefined && state.limitOverrides === undefined && hasContactFields(state) && isCurrent(state.plan) && isCurrent(state.freePlan)
    && isCurrent(state.pendingChange?.plan ?? null) && Object.values(state.stripe.subscriptions).every((s) => isCurrent(s.plan));
}

// Issue 17: the billing contact beyond name and email, and payments waiting for authentication.
function hasContactFields(state: StoredTenantState): boolean {
  return state.address !== undefined && state.taxId !== undefined && state.paymentActions !== undefined;
}

function upgradeSnapshot<T extends { plan: StoredPlanSnapshot | null }>(holder: T): T {
  return isCurrent(holder.plan) ? holder : { ...holder, plan: upgradePlanSnapshot(holder.plan!) };
}

function upgradeSubscriptions(subscriptions: Record<string, StoredSubscription>): Record<string, StoredSubscription> {
  return Object.fromEntries(Object.entries(subscriptions).map(([id, sub]) => [id, upgradeSnapshot(sub)]));
}

/** The state in the current shape: plan snapshots with entitlements, `overrides` instead of `limitOverrides`. */
export function upgradeState(state: StoredTenantState): TenantState {
  if (isUpgraded(state)) return state;
  const { limitOverrides, ...rest } = state;
  const pendingChange: PendingChange | null = state.pendingChange === null ? null : upgradeSnapshot(state.pendingChange) as PendingChange;
  return {
    ...rest,
    address: state.address ?? null,
    taxId: state.taxId ?? null,
    paymentActions: state.paymentActions ?? {},
    plan: upgradePlanSnapshot(state.plan),
    freePlan: upgradePlanSnapshot(state.freePlan),
    pendingChange,
    overrides: upgradeLimitOverrides(limitOverrides ?? {}, state.overrides ?? []),
    closure: state.closure ?? null,
    stripe: { ...state.stripe, subscriptions: upgradeSubscriptions(state.stripe.subscriptions) },
  };
}
