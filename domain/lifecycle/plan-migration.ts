// A plan migration of one tenant: another version of the plan it is on, now or at period end. The
// Stripe call (new price with proration, or a schedule) has been made by the caller.
import { TenureError } from '../errors.js';
import { gaugeViolations } from '../entitlements/downgrade.js';
import { versionOf } from '../plans/versions.js';
import { planPriceFor } from '../plans/stripe-mapping.js';
import { toPlanSnapshot, type Plan, type PlanSnapshot } from '../plans/types.js';
import { hasLiveSubscription, subscriptionInterval } from './access.js';
import { emit, enforce, patch, type Step } from './step.js';
import { updateCurrentSubscription } from './subscription-sync.js';
import type { LifecycleInput, TenantState } from './types.js';

export type MigratePlanInput = Extract<LifecycleInput, { kind: 'migratePlan' }>;

/**
 * The version as this tenant takes it: its Stripe price is the one for the interval the tenant's
 * subscription bills at (an annual subscriber stays annual); null when an annual subscriber's
 * version has no annual price.
 */
export function versionFor(state: TenantState, plan: Plan): PlanSnapshot | null {
  const interval = subscriptionInterval(state);
  const priceId = planPriceFor(plan, interval);
  if (interval === 'year' && priceId === null) return null;
  return { ...toPlanSnapshot(plan), stripePriceId: priceId };
}

/** The gauges over the new version's limits (with the tenant's overrides), as a refusal's details list them. */
export function migrationViolations(state: TenantState, input: Pick<MigratePlanInput, 'plan' | 'gaugeUsage'>) {
  return gaugeViolations(input.plan.entitlements, state.overrides, input.gaugeUsage, 0);
}

/** Why the tenant cannot take this migration, or null. Another plan, the same version, or (without force) gauges over the new limits. */
export function validateMigration(state: TenantState, input: MigratePlanInput): TenureError | null {
  const { plan } = input;
  const to = versionOf(plan);
  if (plan.id !== state.plan.id) return new TenureError('INVALID_TRANSITION', `the tenant is on plan ${state.plan.id}, not ${plan.id}`, { planId: state.plan.id });
  if (versionOf(state.plan) === to) return new TenureError('SAME_PLAN', `already on version ${to} of ${plan.id}`, { planId: plan.id, version: to });
  const pending = state.pendingChange;
  if (pending?.kind === 'migration' && versionOf(pending.plan) === to) {
    return new TenureError('SAME_PLAN', `version ${to} of ${plan.id} is already scheduled`, { planId: plan.id, version: to, effectiveAt: pending.effectiveAt });
  }
  if (input.effective === 'period_end' && pending !== null && hasLiveSubscription(state)) {
    return new TenureError('INVALID_TRANSITION', 'another plan change is already scheduled for the period end', { pendingPlanId: pending.plan.id });
  }
  const violations = input.force ? [] : migrationViolations(state, input);
  const first = violations[0];
  if (first === undefined) return null;
  return new TenureError('LIMIT_EXCEEDED', `${first.feature} usage is ${first.usage}, ${first.over} over version ${to}'s limit of ${first.limit}`, { violations });
}

/** Puts the tenant on the new version now (enforcement follows; the subscription takes its price). */
export function switchVersion(step: Step, plan: PlanSnapshot): void {
  patch(step, { plan });
  enforce(step);
  if (hasLiveSubscription(step.state)) updateCurrentSubscription(step, { plan, planId: plan.id, priceId: plan.stripePriceId });
}

/** Applies a validated migration: now (or without a live subscription), else scheduled for the period end. */
export function migratePlan(step: Step, input: MigratePlanInput): void {
  const fromVersion = versionOf(step.state.plan);
  const subscription = hasLiveSubscription(step.state) ? step.state.subscription : null;
  const atPeriodEnd = input.effective === 'period_end' && subscription !== null;
  const effectiveAt = atPeriodEnd ? subscription.currentPeriodEnd : step.now;
  if (atPeriodEnd) {
    const schedule = input.stripeScheduleId ? { stripeScheduleId: input.stripeScheduleId } : {};
    patch(step, { pendingChange: { plan: input.plan, effectiveAt, kind: 'migration', migrationId: input.migrationId, ...schedule } });
  } else {
    switchVersion(step, input.plan);
  }
  emit(step, 'subscription.migrated', {
    migrationId: input.migrationId, planId: input.plan.id, fromVersion, toVersion: versionOf(input.plan),
    effective: atPeriodEnd ? 'period_end' : 'now', effectiveAt, subscriptionId: subscription?.id ?? null,
  });
}
