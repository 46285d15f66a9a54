// Synchronous validation of admin actions, for the workflow's update validators.
import { TenureError } from '../errors.js';
import { MAX_ADMIN_DURATION_MS, MAX_LIMIT, MAX_TIMESTAMP_MS } from '../bounds.js';
import { isBooleanEntitlement, isLimit, isMeteredEntitlement } from '../entitlements/entitlements.js';
import { isFeatureKey } from '../entitlements/features.js';
import { findOverride, OVERRIDE_REASON_MAX_LENGTH, overrideValue } from '../entitlements/overrides.js';
import type { AdminAction, TenantState } from './types.js';

export { MAX_ADMIN_DURATION_MS, MAX_LIMIT, MAX_TIMESTAMP_MS };

function invalid(message: string, details?: Record<string, unknown>): TenureError {
  return new TenureError('VALIDATION_FAILED', message, details);
}

function transition(message: string, state: TenantState): TenureError {
  return new TenureError('INVALID_TRANSITION', message, { status: state.status, paymentStatus: state.paymentStatus });
}

/** Every input a closed account is asked to act on is refused with this. */
export function closed(state: TenantState): TenureError {
  return new TenureError('TENANT_CLOSED', `tenant ${state.tenantId} is closed`, { closedAt: state.closure?.closedAt ?? null });
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim().length === 0;
}

function isPositiveDuration(ms: unknown): boolean {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= MAX_ADMIN_DURATION_MS;
}

function validateLimits(limits: AdminAction & { type: 'overrideLimits' }): TenureError | null {
  const entries = Object.entries(limits.limits ?? {});
  if (entries.length === 0) return invalid('overrideLimits needs at least one metric');
  for (const [metric, value] of entries) {
    if (!isFeatureKey(metric)) return invalid(`'${metric}' is not a feature key`, { metric });
    if (!isLimit(value)) return invalid(`limit for ${metric} must be an integer from 0 to ${MAX_LIMIT}, or null (unlimited)`, { metric, value });
  }
  return null;
}

// The reducer has no catalog: the service checks the key and kind against it before the update; this
// checks what the state alone can: the value's shape, the reason, a storable end. (The service refuses an end in
// the past; one that has passed by the time the workflow applies it expires on the next tick.)
function validateSetOverride(state: TenantState, action: AdminAction & { type: 'setOverride' }): TenureError | null {
  const o = action.override;
  if (o === null || typeof o !== 'object' || !isFeatureKey(o.key)) return invalid('setOverride needs a feature key');
  const value = overrideValue(o);
  if (!isBooleanEntitlement(value) && !isMeteredEntitlement(value)) return invalid(`override of ${o.key} must set enabled (boolean) or limit (integer from 0 to ${MAX_LIMIT}, or null)`, { feature: o.key });
  if (isBlank(o.reason) || o.reason.length > OVERRIDE_REASON_MAX_LENGTH) return invalid(`an override needs a reason of 1 to ${OVERRIDE_REASON_MAX_LENGTH} characters`, { feature: o.key });
  const until = o.until;
  if (until !== null && (typeof until !== 'number' || !Number.isInteger(until) || until < 0 || until > MAX_TIMESTAMP_MS)) {
    return invalid('until must be a time before the year 10000', { feature: o.key, until });
  }
  return state.overrides.length >= MAX_OVERRIDES && !findOverride(state.overrides, o.key) ? invalid(`a tenant holds at most ${MAX_OVERRIDES} overrides`) : null;
}

/** Bounds the state a tenant's overrides take in the workflow. */
export const MAX_OVERRIDES = 200;

function validateStatusChange(state: TenantState, action: AdminAction): TenureError | null {
  switch (action.type) {
    case 'suspend':
      if (isBlank(action.reason)) return invalid('suspend needs a reason');
      if (state.status === 'suspended') return transition('tenant is already suspended', state);
      if (state.status === 'locked') return transition('tenant is locked by an admin; unlock it before suspending', state);
      return null;
    case 'unsuspend':
      return state.status === 'suspended' ? null : transition('tenant is not suspended', state);
    case 'lock':
      if (isBlank(action.reason)) return invalid('lock needs a reason');
      if (action.durationMs != null && !isPositiveDuration(action.durationMs)) return invalid(`durationMs must be a positive number of milliseconds up to ${MAX_ADMIN_DURATION_MS}, or null for an indefinite lock`);
      if (state.status === 'suspended') return transition('tenant is suspended; unsuspend it before locking', state);
      return state.status === 'locked' ? transition('tenant is already locked by an admin', state) : null;
    case 'unlock':
      return state.status === 'locked' ? null : transition('tenant is not locked by an admin (a payment lock ends when the invoice is paid)', state);
    case 'close':
      if (isBlank(action.reason)) return invalid('close needs a reason');
      if (action.effective !== 'now' && action.effective !== 'period_end') return invalid("close needs effective: 'now' or 'period_end'", { effective: action.effective });
      // A closing at period end may be brought forward to now, not requested twice.
      return state.closure !== null && action.effective === 'period_end' ? transition('the account already closes at period end', state) : null;
    default:
      return null;
  }
}

/** Checks an admin action against the current state; null when it may be applied. */
export function validateAdminAction(state: TenantState, action: AdminAction): TenureError | null {
  if (isBlank(action.actor)) return invalid('admin actions need an actor');
  if (state.status === 'closed') return closed(state);
  switch (action.type) {
    case 'extendTrial':
      if (!isPositiveDuration(action.byMs)) return invalid(`byMs must be a positive number of milliseconds up to ${MAX_ADMIN_DURATION_MS}`, { byMs: action.byMs });
      if (state.trial === null) return transition('no trial is running (it ended or was converted)', state);
      return state.trial.endsAt + action.byMs > MAX_TIMESTAMP_MS ? invalid('the extended trial would end after the year 9999', { byMs: action.byMs }) : null;
    case 'overrideLimits':
      return validateLimits(action);
    case 'setOverride':
      return validateSetOverride(state, action);
    case 'removeOverride':
      return findOverride(state.overrides, action.key) ? null : new TenureError('NOT_FOUND', `no override of ${String(action.key)} is set`, { feature: action.key });
    case 'applyDiscount':
      return isBlank(action.couponId) ? invalid('applyDiscount needs a couponId') : null;
    default:
      return validateStatusChange(state, action);
  }
}
