// One example payload per event type (one per variant where the shape depends on `source`), for
// docs/events.md. Typed by the catalog, and validated against the schemas by the unit tests.
import type { BillingEventType, EventPayload } from './catalog.js';
import { billingEvent, type BillingEvent } from './envelope.js';

const T = Date.UTC(2025, 0, 15, 12);
const DAY = 86_400_000;

type Examples = { readonly [K in BillingEventType]: readonly [EventPayload<K>, ...EventPayload<K>[]] };

export const EVENT_EXAMPLES: Examples = {
  'tenant.created': [{ name: 'Acme', email: 'ops@acme.test', planId: 'starter', trialEndsAt: T + 14 * DAY }],
  'tenant.contact_updated': [
    { name: 'Acme GmbH', email: 'billing@acme.test', address: { line1: 'Hauptstrasse 1', line2: null, city: 'Berlin', postalCode: '10115', state: null, country: 'DE' }, taxId: { type: 'eu_vat', value: 'DE123456789' } },
  ],
  'trial.ending_soon': [
    { source: 'trial', endsAt: T + 14 * DAY, msLeft: 3 * DAY, daysLeft: 3, reminderMs: 3 * DAY },
    { source: 'stripe', subscriptionId: 'sub_1QxA2b', endsAt: T + 30 * DAY, msLeft: 3 * DAY, daysLeft: 3 },
  ],
  'trial.expired': [{ startedAt: T, endedAt: T + 14 * DAY, planId: 'free' }],
  'trial.extended': [{ previousEndsAt: T + 14 * DAY, endsAt: T + 21 * DAY, byMs: 7 * DAY, actor: 'admin-1' }],
  'subscription.created': [{ subscriptionId: 'sub_1QxA2b', planId: 'growth', status: 'active' }],
  'subscription.upgraded': [{ fromPlanId: 'starter', toPlanId: 'growth', subscriptionId: 'sub_1QxA2b' }],
  'subscription.downgrade_scheduled': [{ fromPlanId: 'growth', toPlanId: 'starter', effectiveAt: T + 32 * DAY, subscriptionId: 'sub_1QxA2b' }],
  'subscription.downgrade_cancelled': [{ planId: 'starter', effectiveAt: T + 32 * DAY, reason: 'requested' }],
  'subscription.downgraded': [{ fromPlanId: 'growth', toPlanId: 'starter', subscriptionId: 'sub_1QxA2b' }],
  'subscription.cancelled': [{ subscriptionId: 'sub_1QxA2b', reason: 'too expensive', cancelAt: T + 32 * DAY }],
  'subscription.reactivated': [{ subscriptionId: 'sub_1QxA2b', planId: 'growth' }],
  'subscription.ended': [{ subscriptionId: 'sub_1QxA2b', status: 'canceled', fromPlanId: 'growth', toPlanId: 'free' }],
  'subscription.duplicate_cancelled': [{ subscriptionId: 'sub_1QxC9d', keptSubscriptionId: 'sub_1QxA2b', planId: 'growth' }],
  'subscription.migrated': [{ migrationId: 'mig_7f3a', planId: 'growth', fromVersion: 1, toVersion: 2, effective: 'now', effectiveAt: T + DAY, subscriptionId: 'sub_1QxA2b' }],
  'payment.failed': [{ invoiceId: 'in_1QxB7c', subscriptionId: 'sub_1QxA2b', amountDue: 9_900, attemptCount: 1 }],
  'payment.action_required': [{ invoiceId: 'in_1QxB7c', subscriptionId: 'sub_1QxA2b', amountDue: 9_900, hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1Qx/test_YWNtZQ' }],
  'payment.restored': [{ from: 'restricted' }],
  'tenant.payment_status.changed': [{ from: 'past_due', to: 'restricted', pastDueSince: T, cause: 'deadline' }],
  'tenant.restricted': [{ source: 'dunning', pastDueSince: T }],
  'tenant.locked': [
    { source: 'admin', reason: 'chargeback review', actor: 'admin-1', lockedUntil: T + 7 * DAY },
    { source: 'dunning', pastDueSince: T, reason: 'payment overdue' },
  ],
  'tenant.restored': [{ source: 'dunning', from: 'restricted', to: 'active' }],
  'tenant.suspended': [{ reason: 'terms of service', actor: 'admin-1' }],
  'tenant.unsuspended': [{ reason: null, actor: 'admin-1' }],
  'tenant.unlocked': [{ source: 'admin', auto: true, actor: null, reason: null, paymentStatus: 'active' }],
  'tenant.limits_overridden': [{ limits: { projects: 50, api_calls: null }, actor: 'admin-1', reason: 'pilot' }],
  'tenant.discount_applied': [{ couponId: 'LAUNCH20', actor: 'admin-1' }],
  'tenant.closed': [{ reason: 'customer asked to leave', actor: 'admin-1', effective: 'period_end', requestedAt: T, subscriptionId: 'sub_1QxA2b', planId: 'free' }],
  'tenant.erased': [{ actor: 'admin-1', projectionValuesRemoved: 4, auditValuesRemoved: 3 }],
  'entitlement.overridden': [
    { key: 'sso', enabled: true, reason: 'trial of SSO', until: new Date(T + 14 * DAY).toISOString(), actor: 'admin-1', previous: null },
    { key: 'api_calls', limit: 50_000, reason: 'pilot', until: null, actor: 'admin-1', previous: { limit: 20_000 } },
  ],
  'entitlement.override_expired': [{ key: 'sso', until: new Date(T + 14 * DAY).toISOString() }],
  'entitlement.override_removed': [{ key: 'api_calls', actor: 'admin-1', reason: 'pilot ended' }],
  'usage.threshold_crossed': [{ metric: 'api_calls', threshold: 80, used: 800, limit: 1_000, periodStart: new Date(T).toISOString() }],
  'usage.monthly_summary': [{
    period: { start: T, end: T + 31 * DAY },
    metrics: { api_calls: { used: 640, limit: 1_000 }, exports: { used: 12, limit: null } },
  }],
  'webhook_endpoint.disabled': [{ endpointId: 'we_4f2c', url: 'https://hooks.acme.test/billing', eventId: 'acme:payment.failed:evt_1QxC9d', attempts: 38, failingSince: T + 8 * DAY, lastError: 'HTTP 503' }],
};

/** The discriminator an example envelope's id ends with, as the real producer picks it. */
function exampleDiscriminator(type: BillingEventType): string {
  if (type === 'usage.threshold_crossed') return `api_calls:${T}:80`;
  if (type === 'entitlement.override_expired') return 'v7:sso';
  if (type === 'usage.monthly_summary') return new Date(T).toISOString().slice(0, 10);
  if (type === 'tenant.created') return 'v1';
  return type.startsWith('payment.') ? 'evt_1QxC9d' : 'v7';
}

/** The example envelopes of one type, as its producer would build them (a summary happens at its period's end). */
export function exampleEvents<K extends BillingEventType>(type: K): BillingEvent<K>[] {
  const occurredAt = (data: EventPayload<K>): number => ('period' in data ? data.period.end : T + 11 * DAY);
  return EVENT_EXAMPLES[type].map((data: EventPayload<K>) => billingEvent('acme', type, exampleDiscriminator(type), occurredAt(data), data));
}
