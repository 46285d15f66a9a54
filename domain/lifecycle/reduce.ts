// The lifecycle reducer: (state, input, now) -> { state, commands }. Pure: no I/O, no clock, and the
// argument is never mutated (every change replaces objects).
import { applyAdminAction } from './admin.js';
import { updateContact } from './contact-change.js';
import { cancelPendingChange, cancelSubscription, changePlan, reactivateSubscription } from './plan-changes.js';
import { migratePlan } from './plan-migration.js';
import { finish, openStep, type Step } from './step.js';
import { reduceStripeEvent } from './stripe-events.js';
import { reduceTick } from './tick.js';
import type { LifecycleInput, TenantState, Transition } from './types.js';
import { upgradeState, type StoredTenantState } from './upgrade-state.js';
import { CURRENT_RULES, validate, type ValidationRules } from './validate.js';

type LocalInput = Exclude<LifecycleInput, { kind: 'stripe' } | { kind: 'tick' }>;

function applyLocal(step: Step, input: LocalInput): void {
  switch (input.kind) {
    case 'admin': return applyAdminAction(step, input.action);
    case 'changePlan': return changePlan(step, input);
    case 'cancel': return cancelSubscription(step, input.reason);
    case 'reactivate': return reactivateSubscription(step);
    case 'cancelPendingChange': return cancelPendingChange(step);
    case 'updateContact': return updateContact(step, input.contact, input.customerId);
    case 'migratePlan': return migratePlan(step, input);
  }
}

/**
 * Applies one input at `now`. An input validate() rejects changes nothing (a signal has no
 * validator to stop it). A state from before entitlements is upgraded first (upgrade-state.ts). A change bumps the version by one and yields commands; no change yields none.
 */
export function reduce(stored: StoredTenantState, input: LifecycleInput, now: number, rules: ValidationRules = CURRENT_RULES): Transition {
  const state = upgradeState(stored);
  const result = reduceUpgraded(state, input, now, rules);
  // Inputs recorded before entitlements (a changePlan, a Stripe snapshot) carry legacy plan snapshots too.
  return { ...result, state: upgradeState(result.state) };
}

function reduceUpgraded(state: TenantState, input: LifecycleInput, now: number, rules: ValidationRules): Transition {
  if (validate(state, input, rules) !== null) return { state, commands: [] };
  if (input.kind === 'tick') return reduceTick(state, now);
  if (input.kind === 'stripe') return reduceStripeEvent(state, input.event, now);
  const step = openStep(state, now);
  applyLocal(step, input);
  return finish(step);
}
