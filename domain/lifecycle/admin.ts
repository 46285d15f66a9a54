// Operator overrides. Each assumes validate() accepted the action; event ids come from the version.
import { LIMIT_OVERRIDE_REASON, upgradeLimitOverrides } from '../entitlements/legacy.js';
import { findOverride, overrideValue, removeOverride as withoutOverride, setOverride as withOverride } from '../entitlements/overrides.js';
import { closeAccount } from './closure.js';
import { pendingReminders } from './deadlines.js';
import { emit, enforce, patch, type Step } from './step.js';
import type { AdminAction } from './types.js';

type Action<T extends AdminAction['type']> = Extract<AdminAction, { type: T }>;

function suspend(step: Step, a: Action<'suspend'>): void {
  patch(step, { status: 'suspended', statusReason: a.reason, suspendedAt: step.now });
  enforce(step);
  emit(step, 'tenant.suspended', { reason: a.reason, actor: a.actor });
}

function unsuspend(step: Step, a: Action<'unsuspend'>): void {
  patch(step, { status: 'active', statusReason: null, suspendedAt: null });
  enforce(step);
  emit(step, 'tenant.unsuspended', { reason: a.reason ?? null, actor: a.actor });
}

function lock(step: Step, a: Action<'lock'>): void {
  const durationMs = a.durationMs === undefined ? step.state.config.defaultAdminLockMs : a.durationMs;
  const lockedUntil = durationMs === null ? null : step.now + durationMs;
  patch(step, { status: 'locked', statusReason: a.reason, lockedAt: step.now, lockedUntil });
  enforce(step);
  emit(step, 'tenant.locked', { source: 'admin', reason: a.reason, actor: a.actor, lockedUntil });
}

function unlock(step: Step, a: Action<'unlock'>): void {
  patch(step, { status: 'active', statusReason: null, lockedAt: null, lockedUntil: null });
  enforce(step);
  // Dunning is a separate source: a payment-locked tenant stays without access.
  emit(step, 'tenant.unlocked', { source: 'admin', auto: false, actor: a.actor, reason: a.reason ?? null, paymentStatus: step.state.paymentStatus });
}

function extendTrial(step: Step, a: Action<'extendTrial'>): void {
  const trial = step.state.trial;
  if (trial === null) return;
  const endsAt = trial.endsAt + a.byMs;
  const extended = { ...trial, endsAt, remindersSent: [] };
  // Re-arm the reminders that now lie ahead; those already past stay sent.
  const ahead = pendingReminders(extended, step.state.config).filter((r) => endsAt - r > step.now);
  const remindersSent = step.state.config.trialRemindersMs.filter((r) => !ahead.includes(r));
  patch(step, { trial: { ...extended, remindersSent } });
  enforce(step);
  emit(step, 'trial.extended', { previousEndsAt: trial.endsAt, endsAt, byMs: a.byMs, actor: a.actor });
}

// The action of older clients and queued signals: one never-ending override per metric, the same event as before.
function overrideLimits(step: Step, a: Action<'overrideLimits'>): void {
  const given = upgradeLimitOverrides(a.limits).map((o) => ({ ...o, reason: a.reason ?? LIMIT_OVERRIDE_REASON }));
  patch(step, { overrides: given.reduce(withOverride, step.state.overrides) });
  enforce(step);
  emit(step, 'tenant.limits_overridden', { limits: a.limits, actor: a.actor, reason: a.reason ?? null });
}

function setOverride(step: Step, a: Action<'setOverride'>): void {
  const previous = findOverride(step.state.overrides, a.override.key);
  patch(step, { overrides: withOverride(step.state.overrides, a.override) });
  enforce(step);
  const until = a.override.until === null ? null : new Date(a.override.until).toISOString();
  emit(step, 'entitlement.overridden', {
    key: a.override.key, ...overrideValue(a.override), reason: a.override.reason, until, actor: a.actor,
    previous: previous ? overrideValue(previous) : null,
  });
}

function removeOverride(step: Step, a: Action<'removeOverride'>): void {
  patch(step, { overrides: withoutOverride(step.state.overrides, a.key) });
  enforce(step);
  emit(step, 'entitlement.override_removed', { key: a.key, actor: a.actor, reason: a.reason ?? null });
}

function applyDiscount(step: Step, a: Action<'applyDiscount'>): void {
  patch(step, { discount: { couponId: a.couponId, appliedAt: step.now } });
  emit(step, 'tenant.discount_applied', { couponId: a.couponId, actor: a.actor });
}

/** Applies an admin action that validate() accepted. */
export function applyAdminAction(step: Step, action: AdminAction): void {
  switch (action.type) {
    case 'suspend': return suspend(step, action);
    case 'unsuspend': return unsuspend(step, action);
    case 'lock': return lock(step, action);
    case 'unlock': return unlock(step, action);
    case 'extendTrial': return extendTrial(step, action);
    case 'overrideLimits': return overrideLimits(step, action);
    case 'setOverride': return setOverride(step, action);
    case 'removeOverride': return removeOverride(step, action);
    case 'applyDiscount': return applyDiscount(step, action);
    case 'close': return closeAccount(step, action);
  }
}
