// Synchronous validation of admin actions, for the workflow's update validators.
import { TenureError } from '../errors.js';
import { METRICS, type MetricName } from '../plans/types.js';
import type { AdminAction, TenantState } from './types.js';

/** The longest trial extension or admin lock one action may ask for. */
export const MAX_ADMIN_DURATION_MS = 365 * 86_400_000;
/** The last instant a deadline may fall on: the projection stores ISO timestamps, and year 10000 has none. */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** The largest limit an override may set (the plan catalog's bound too). */
export const MAX_LIMIT = 2_147_483_647;

function invalid(message: string, details?: Record<string, unknown>): TenureError {
  return new TenureError('VALIDATION_FAILED', message, details);
}

function transition(message: string, state: TenantState): TenureError {
  return new TenureError('INVALID_TRANSITION', message, { status: state.status, paymentStatus: state.paymentStatus });
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
    if (!METRICS.includes(metric as MetricName)) return invalid(`unknown metric '${metric}'`, { metric, allowed: METRICS });
    const ok = value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LIMIT);
    if (!ok) return invalid(`limit for ${metric} must be an integer from 0 to ${MAX_LIMIT}, or null (unlimited)`, { metric, value });
  }
  return null;
}

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
    default:
      return null;
  }
}

/** Checks an admin action against the current state; null when it may be applied. */
export function validateAdminAction(state: TenantState, action: AdminAction): TenureError | null {
  if (isBlank(action.actor)) return invalid('admin actions need an actor');
  switch (action.type) {
    case 'extendTrial':
      if (!isPositiveDuration(action.byMs)) return invalid(`byMs must be a positive number of milliseconds up to ${MAX_ADMIN_DURATION_MS}`, { byMs: action.byMs });
      if (state.trial === null) return transition('no trial is running (it ended or was converted)', state);
      return state.trial.endsAt + action.byMs > MAX_TIMESTAMP_MS ? invalid('the extended trial would end after the year 9999', { byMs: action.byMs }) : null;
    case 'overrideLimits':
      return validateLimits(action);
    case 'applyDiscount':
      return isBlank(action.couponId) ? invalid('applyDiscount needs a couponId') : null;
    default:
      return validateStatusChange(state, action);
  }
}
