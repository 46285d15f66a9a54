// A tick processes every deadline due at `now`. With nothing due it returns the state unchanged and
// no commands, so the workflow may tick as often as it likes.
import { switchVersion } from './plan-migration.js';
import { expireOverrides, nextOverrideDeadline } from '../entitlements/expiry.js';
import { hasLiveSubscription } from './access.js';
import { closeWhenDue, pendingClosingAt } from './closure.js';
import { dueReminders } from './deadlines.js';
import { nextDunningDeadline, refreshDunning } from './dunning.js';
import { nextUsagePeriod } from './periods.js';
import { switchPlan } from './plan-switch.js';
import { emit, enforce, finish, openStep, patch, resetUsage, type Step } from './step.js';
import { updateCurrentSubscription } from './subscription-sync.js';
import type { TenantState, Transition } from './types.js';

const DAY_MS = 86_400_000;

function autoUnlock(step: Step): void {
  const { status, lockedUntil } = step.state;
  if (status !== 'locked' || lockedUntil === null || lockedUntil > step.now) return;
  patch(step, { status: 'active', statusReason: null, lockedAt: null, lockedUntil: null });
  enforce(step);
  emit(step, 'tenant.unlocked', { source: 'admin', auto: true, actor: null, reason: null, paymentStatus: step.state.paymentStatus });
}

// An override whose `until` has come is removed; enforcement goes back to the plan's value.
function expireDueOverrides(step: Step): void {
  const { expired, kept } = expireOverrides(step.state.overrides, step.now);
  if (expired.length === 0) return;
  patch(step, { overrides: kept });
  enforce(step);
  for (const o of expired) emit(step, 'entitlement.override_expired', { key: o.key, until: new Date(o.until!).toISOString() });
}

function applyPendingDowngrade(step: Step): void {
  const pending = step.state.pendingChange;
  if (pending === null || pending.effectiveAt > step.now) return;
  if (pending.kind === 'migration') {
    // The same plan at another version: switchPlan would see no change of plan.
    patch(step, { pendingChange: null });
    return switchVersion(step, pending.plan);
  }
  if (hasLiveSubscription(step.state)) {
    const { plan } = pending;
    updateCurrentSubscription(step, { plan, planId: plan.id, priceId: plan.stripePriceId });
  }
  // Without a live subscription (or if the update did not take) apply the plan directly.
  if (step.state.pendingChange !== null) switchPlan(step, pending.plan);
}

function expireTrial(step: Step, trial: NonNullable<TenantState['trial']>): void {
  patch(step, { trial: null, trialEndedAt: trial.endsAt });
  enforce(step);
  const paidPlan = hasLiveSubscription(step.state) && step.state.subscription?.planId === step.state.plan.id;
  if (paidPlan) return; // already on a paid subscription's plan; nothing to fall back from
  switchPlan(step, step.state.freePlan, true);
  emit(step, 'trial.expired', { startedAt: trial.startedAt, endedAt: trial.endsAt, planId: step.state.freePlan.id });
}

function advanceTrial(step: Step): void {
  const trial = step.state.trial;
  if (trial === null) return;
  if (trial.endsAt <= step.now) return expireTrial(step, trial);
  const due = dueReminders(trial, step.state.config, step.now);
  if (due.length === 0) return;
  // A late tick may find several reminders due: mark them all, announce only the nearest one.
  const reminderMs = Math.min(...due);
  patch(step, { trial: { ...trial, remindersSent: [...trial.remindersSent, ...due].sort((a, b) => b - a) } });
  const msLeft = trial.endsAt - step.now;
  emit(step, 'trial.ending_soon', { source: 'trial', endsAt: trial.endsAt, msLeft, daysLeft: Math.ceil(msLeft / DAY_MS), reminderMs });
}

function advanceUsagePeriod(step: Step): void {
  const current = step.state.usagePeriod;
  if (current.end > step.now) return;
  const next = nextUsagePeriod(current, step.state.usageAnchor, step.now);
  resetUsage(step, current, next);
  patch(step, { usagePeriod: next });
  enforce(step);
}

/**
 * The earliest transition deadline before `now` (auto-unlock, override expiry, dunning, pending downgrade, trial
 * end), or null. Reminders and the usage period are left to the pass at `now`: a reminder for a
 * trial that has since ended says nothing, and the period jumps straight to the one containing now.
 */
function earliestMissedDeadline(state: TenantState, now: number): number | null {
  const times = [
    state.status === 'locked' ? state.lockedUntil : null,
    nextDunningDeadline(state),
    state.pendingChange?.effectiveAt ?? null,
    state.trial?.endsAt ?? null,
    nextOverrideDeadline(state.overrides),
    pendingClosingAt(state),
  ].filter((t): t is number => t !== null && t < now);
  return times.length === 0 ? null : Math.min(...times);
}

const MAX_CATCH_UP_STEPS = 16;

/**
 * Processes the deadlines due at `now`: admin auto-unlock, override expiry, dunning ladder, pending downgrade, trial,
 * usage period. A tick that comes late (a worker down for days) first applies each missed deadline
 * in order, at its own time, so past_due -> restricted -> locked publishes every step, each event
 * with `occurredAt` at its deadline.
 */
export function reduceTick(state: TenantState, now: number): Transition {
  const step = openStep(state, now);
  for (let i = 0; i < MAX_CATCH_UP_STEPS; i++) {
    const missed = earliestMissedDeadline(step.state, now);
    if (missed === null) break;
    step.now = missed;
    applyDeadlines(step);
  }
  step.now = now;
  applyDeadlines(step);
  if (step.state.status !== 'closed') {
    advanceTrial(step);
    advanceUsagePeriod(step);
  }
  return finish(step);
}

function applyDeadlines(step: Step): void {
  // Once closed, no other deadline applies (reduce refuses ticks of a closed state; this stops a catch-up).
  if (step.state.status === 'closed') return;
  autoUnlock(step);
  expireDueOverrides(step);
  refreshDunning(step, 'deadline');
  applyPendingDowngrade(step);
  const trial = step.state.trial;
  if (trial !== null && trial.endsAt <= step.now) expireTrial(step, trial);
  closeWhenDue(step);
}
