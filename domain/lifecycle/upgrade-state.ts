// The state upgrade for running workflows: states written before entitlements carry plan snapshots
// with `limits` and `limitOverrides`; reduce() upgrades them first, so every later step (and the
// state carried through continue-as-new) has entitlements and overrides. Idempotent, and it changes
// no command, so old histories replay unchanged.
import { upgradeLimitOverrides, upgradePlanSnapshot, type StoredPlanSnapshot } from '../entitlements/legacy.js';
import type { PendingChange, StoredSubscription, TenantState } from './types.js';

/** A state as stored: the current shape, or one from before entitlements. */
export type StoredTenantState = Omit<TenantState, 'overrides'> & { overrides?: TenantState['overrides'] };

function isUpgraded(state: StoredTenantState): state is TenantState {
  return state.overrides !== undefined && state.limitOverrides === undefined && 'entitlements' in state.plan && 'entitlements' in state.freePlan;
}

function upgradeSnapshot<T extends { plan: StoredPlanSnapshot | null }>(holder: T): T {
  return holder.plan === null || 'entitlements' in holder.plan && !('limits' in holder.plan) ? holder : { ...holder, plan: upgradePlanSnapshot(holder.plan) };
}

function upgradeSubscriptions(subscriptions: Record<string, StoredSubscription>): Record<string, StoredSubscription> {
  return Object.fromEntries(Object.entries(subscriptions).map(([id, sub]) => [id, upgradeSnapshot(sub)]));
}

/** The state in the current shape: plan snapshots with entitlements, `overrides` instead of `limitOverrides`. */
export function upgradeState(state: StoredTenantState): TenantState {
  if (isUpgraded(state) && Object.values(state.stripe.subscriptions).every((s) => s.plan === null || 'entitlements' in s.plan)) return state;
  const { limitOverrides, ...rest } = state;
  const pendingChange: PendingChange | null = state.pendingChange === null ? null : upgradeSnapshot(state.pendingChange) as PendingChange;
  return {
    ...rest,
    plan: upgradePlanSnapshot(state.plan),
    freePlan: upgradePlanSnapshot(state.freePlan),
    pendingChange,
    overrides: upgradeLimitOverrides(limitOverrides ?? {}, state.overrides ?? []),
    stripe: { ...state.stripe, subscriptions: upgradeSubscriptions(state.stripe.subscriptions) },
  };
}
