// The synchronous validation behind Temporal update validators: a rejected input never reaches the
// workflow history. reduce() applies the same checks and ignores what they reject (signals have no
// validator), so the two can never disagree.
import { TenureError } from '../errors.js';
import { gaugeViolations } from '../entitlements/downgrade.js';
import { upgradePlanSnapshot } from '../entitlements/legacy.js';
import { hasLiveSubscription } from './access.js';
import type { LifecycleInput, NormalizedStripeEvent, TenantState } from './types.js';
import { closed, validateAdminAction } from './validate-admin.js';
import { validateContact } from './contact.js';
import { validateMigration } from './plan-migration.js';


type ChangePlanInput = Extract<LifecycleInput, { kind: 'changePlan' }>;

/**
 * Rules that changed while workflows were running. A workflow replaying history written before a
 * change passes the old rule (the workflow decides with patched()), so its replay stays deterministic.
 */
export interface ValidationRules {
  /** Issue 10: an upgrade needs a live subscription (before it, one without was applied at once). */
  upgradeNeedsSubscription: boolean;
}
export const CURRENT_RULES: ValidationRules = { upgradeNeedsSubscription: true };

// Every gauge the service measured (the catalog's gauge features) against the target plan with the
// tenant's overrides; a gauge the target does not grant has a limit of 0. `metric` stays in the details for
// older clients. Overrides are judged without a clock: one that ends before the change still counts.
function blockedByUsage(state: TenantState, input: ChangePlanInput): TenureError | null {
  const violations = gaugeViolations(upgradePlanSnapshot(input.plan).entitlements, state.overrides, input.gaugeUsage ?? {}, 0)
    .map((v) => ({ metric: v.feature, ...v }));
  const first = violations[0];
  if (first === undefined) return null;
  const { metric, usage, limit, over } = first;
  const message = `Cannot downgrade to ${input.plan.name}: ${metric} usage is ${usage}, ${over} over its limit of ${limit}. Remove ${over} ${metric} first.`;
  return new TenureError('DOWNGRADE_BLOCKED_BY_USAGE', message, { metric, usage, limit, over, violations });
}

function validateChangePlan(state: TenantState, input: ChangePlanInput, rules: ValidationRules): TenureError | null {
  const { plan, direction } = input;
  const badUsage = Object.entries(input.gaugeUsage ?? {}).find(([, v]) => typeof v !== 'number' || !Number.isFinite(v) || v < 0);
  if (badUsage) return new TenureError('VALIDATION_FAILED', `gauge usage for ${badUsage[0]} must be a non-negative number`);
  if (plan.id === state.plan.id) return new TenureError('SAME_PLAN', `already on plan ${plan.id}`, { planId: plan.id });
  const rightWay = direction === 'upgrade' ? plan.rank > state.plan.rank : plan.rank < state.plan.rank;
  if (!rightWay) {
    const details = { direction, fromPlanId: state.plan.id, fromRank: state.plan.rank, toPlanId: plan.id, toRank: plan.rank };
    return new TenureError('VALIDATION_FAILED', `moving from ${state.plan.id} to ${plan.id} is not a${direction === 'upgrade' ? 'n' : ''} ${direction}`, details);
  }
  if (state.subscription?.cancelAtPeriodEnd) {
    return new TenureError('INVALID_TRANSITION', 'the subscription is set to cancel at period end; reactivate it before changing plans');
  }
  if (direction === 'upgrade' && !rules.upgradeNeedsSubscription) return null;
  if (!hasLiveSubscription(state)) return new TenureError('NO_SUBSCRIPTION', `a${direction === 'upgrade' ? 'n' : ''} ${direction} needs an active subscription: start one through checkout`);
  if (direction === 'upgrade') return null;
  if (state.pendingChange?.plan.id === plan.id) {
    return new TenureError('SAME_PLAN', `a downgrade to ${plan.id} is already scheduled`, { planId: plan.id, effectiveAt: state.pendingChange.effectiveAt });
  }
  return blockedByUsage(state, input);
}

function validateStripeEvent(event: NormalizedStripeEvent): TenureError | null {
  if (typeof event.id !== 'string' || event.id.length === 0) return new TenureError('VALIDATION_FAILED', 'stripe event without an id');
  if (!Number.isFinite(event.created)) return new TenureError('VALIDATION_FAILED', 'stripe event without a created time');
  if (event.type === 'subscription.updated' && event.subscription === undefined) {
    return new TenureError('VALIDATION_FAILED', 'subscription.updated without a subscription snapshot');
  }
  if (event.type.startsWith('invoice.') && event.invoice === undefined) {
    return new TenureError('VALIDATION_FAILED', `${event.type} without an invoice`);
  }
  return null;
}

function validateCancellation(state: TenantState, kind: 'cancel' | 'reactivate'): TenureError | null {
  if (!hasLiveSubscription(state)) return new TenureError('NO_SUBSCRIPTION', 'there is no active subscription');
  const cancelling = state.subscription?.cancelAtPeriodEnd === true;
  if (kind === 'cancel' && cancelling) return new TenureError('INVALID_TRANSITION', 'the subscription is already set to cancel at period end');
  if (kind === 'reactivate' && !cancelling) return new TenureError('INVALID_TRANSITION', 'the subscription is not cancelling; nothing to reactivate');
  return null;
}

/** Checks an input against the current state; returns the error to reject it with, or null. */
export function validate(state: TenantState, input: LifecycleInput, rules: ValidationRules = CURRENT_RULES): TenureError | null {
  if (state.status === 'closed' && input.kind !== 'admin') return closed(state);
  // A closing at period end keeps the subscription cancelling: no plan change, no reactivation.
  if (state.closure !== null && (input.kind === 'reactivate' || input.kind === 'changePlan' || input.kind === 'migratePlan')) {
    return new TenureError('INVALID_TRANSITION', 'the account closes at period end; its subscription cannot change', { closesAt: state.closure.closesAt });
  }
  switch (input.kind) {
    case 'stripe': return validateStripeEvent(input.event);
    case 'admin': return validateAdminAction(state, input.action);
    case 'changePlan': return validateChangePlan(state, input, rules);
    case 'cancel': return validateCancellation(state, 'cancel');
    case 'reactivate': return validateCancellation(state, 'reactivate');
    case 'cancelPendingChange':
      return state.pendingChange === null ? new TenureError('NO_PENDING_CHANGE', 'there is no scheduled plan change to cancel') : null;
    case 'updateContact': return validateContact(input.contact);
    case 'migratePlan': return validateMigration(state, input);
    case 'tick': return null;
  }
}
