import { entitlementValues } from '../../../../domain/entitlements/resolve.js';
import { accessWarning, effectiveAccess, effectiveEntitlements, paymentActionUrl, subscriptionInterval, type TenantState } from '../../../../domain/lifecycle/index.js';
import { splitEntitlements } from '../../../../domain/plans/types.js';

// The tenant-facing subscription DTO (GET /billings/subscription and every change's answer).
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
const DAY = 86_400_000;

/** `used`: the counters of the catalog's counted features. */
export function toSubscriptionView(state: TenantState, used: Readonly<Record<string, number>>, now: number) {
  const { limits, features } = splitEntitlements(entitlementValues(effectiveEntitlements(state, now)));
  return {
    tenantId: state.tenantId,
    plan: { id: state.plan.id, name: state.plan.name, limits, features },
    status: state.status,
    paymentStatus: state.paymentStatus,
    access: effectiveAccess(state),
    warning: accessWarning(state),
    paymentActionUrl: paymentActionUrl(state),
    trial: state.trial ? { startedAt: iso(state.trial.startedAt), endsAt: iso(state.trial.endsAt), daysLeft: Math.max(0, Math.ceil((state.trial.endsAt - now) / DAY)) } : null,
    subscription: state.subscription ? {
      id: state.subscription.id, status: state.subscription.status, currentPeriodStart: iso(state.subscription.currentPeriodStart),
      currentPeriodEnd: iso(state.subscription.currentPeriodEnd), cancelAtPeriodEnd: state.subscription.cancelAtPeriodEnd, cancelReason: state.subscription.cancelReason,
      interval: subscriptionInterval(state),
    } : null,
    pendingChange: state.pendingChange ? { planId: state.pendingChange.plan.id, planName: state.pendingChange.plan.name, effectiveAt: iso(state.pendingChange.effectiveAt) } : null,
    usage: Object.fromEntries(Object.keys(used).filter((m) => m in limits).map((m) => {
      const limit = limits[m]!;
      const value = used[m] ?? 0;
      return [m, { used: value, limit, percent: limit ? Math.round((value / limit) * 1000) / 10 : null }];
    })),
    version: state.version,
  };
}

const iso8601 = { type: ['string', 'null'], format: 'date-time' };
const limitsSchema = { type: 'object', additionalProperties: { type: ['integer', 'null'] } };
export const subscriptionViewSchema = {
  type: 'object',
  required: ['tenantId', 'plan', 'status', 'paymentStatus', 'access', 'trial', 'subscription', 'pendingChange', 'usage', 'version'],
  properties: {
    tenantId: { type: 'string' },
    plan: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, limits: limitsSchema, features: { type: 'object', additionalProperties: { type: 'boolean' } } } },
    status: { type: 'string' }, paymentStatus: { type: 'string' }, access: { type: 'string' }, warning: { type: ['string', 'null'] },
    paymentActionUrl: { type: ['string', 'null'], description: "Stripe's hosted invoice page where the payment must be authenticated (3-D Secure); null when none waits" },
    trial: { type: ['object', 'null'], properties: { startedAt: iso8601, endsAt: iso8601, daysLeft: { type: 'integer' } } },
    subscription: { type: ['object', 'null'], properties: { id: { type: 'string' }, status: { type: 'string' }, currentPeriodStart: iso8601, currentPeriodEnd: iso8601, cancelAtPeriodEnd: { type: 'boolean' }, cancelReason: { type: ['string', 'null'] }, interval: { type: 'string', enum: ['month', 'year'] } } },
    pendingChange: { type: ['object', 'null'], properties: { planId: { type: 'string' }, planName: { type: 'string' }, effectiveAt: iso8601 } },
    usage: { type: 'object', additionalProperties: { type: 'object', properties: { used: { type: 'number' }, limit: { type: ['integer', 'null'] }, percent: { type: ['number', 'null'] } } } },
    version: { type: 'integer' },
  },
} as const;
