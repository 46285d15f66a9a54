// The state upgrade for running workflows: states written before entitlements carry plan snapshots
// with `limits` and `limitOverrides`, and states written before account closing have no `closure`;
// reduce() upgrades them first, so every later step (and the state carried through continue-as-new)
// has entitlements, overrides and a closure (null). Idempotent, and it changes no command, so old
// histories replay unchanged.
import { upgradeLimitOverrides, upgradePlanSnapshot, type StoredPlanSnapshot } from '../entitlements/legacy.js';
import type { PendingChange, StoredSubscription, TenantState } from './types.js';

/** A state as stored: the current shape, or one from before entitlements. */
export type StoredTenantState = Omit<TenantState, 'overrides' | 'closure'> & { overrides?: TenantState['overrides']; closure?: TenantState['closure'] };

/** A snapshot in the current shape: entitlements and no `limits` beside them. */
function isCurrent(plan: StoredPlanSnapshot | null): boolean {
  return plan === null || 'entitlements' in plan && !('limits' in plan);
}

// Every snapshot place, including the pending change: an input recorded before entitlements (a queued
// changePlan) can put a legacy snapshot there in an otherwise upgraded state.
function isUpgraded(state: StoredTenantState): state is TenantState {
  return state.overrides !== undefined && state.closure !== undefined && state.limitOverrides === undefined && isCurrent(state.plan) && isCurrent(state.freePlan)
    && isCurrent(state.pendingChange?.plan ?? null) && Object.values(state.stripe.subscriptions).every((s) => isCurrent(s.plan));
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
    plan: upgradePlanSnapshot(state.plan),
    freePlan: upgradePlanSnapshot(state.freePlan),
    pendingChange,
    overrides: upgradeLimitOverrides(limitOverrides ?? {}, state.overrides ?? []),
    closure: state.closure ?? null,
    stripe: { ...state.stripe, subscriptions: upgradeSubscriptions(state.stripe.subscriptions) },
  };
}
