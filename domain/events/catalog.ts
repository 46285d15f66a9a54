// The billing event catalog (ARCHITECTURE.md section 7): every event type, its payload version,
// schema and meaning. Everything else (EVENT_TYPES, envelopes, docs/events.md) derives from it.
// Bump a type's version when its payload changes incompatibly; consumers branch on (type, version).
import * as closure from './closure-events.js';
import * as ent from './entitlement-events.js';
import type { PayloadSchema } from './json-schema.js';
import * as pay from './payment-events.js';
import * as sub from './subscription-events.js';
import * as tenant from './tenant-events.js';
import * as trial from './trial-events.js';
import * as usage from './usage-events.js';
import * as hooks from './webhook-events.js';

/** The payload (`data`) of each event type. Payloads are type aliases, not interfaces, so they stay assignable to `Record<string, unknown>` (the audit table's jsonb column). */
export interface EventPayloads {
  'tenant.created': tenant.TenantCreatedData;
  'tenant.contact_updated': tenant.TenantContactUpdatedData;
  'trial.ending_soon': trial.TrialEndingSoonData;
  'trial.expired': trial.TrialExpiredData;
  'trial.extended': trial.TrialExtendedData;
  'subscription.created': sub.SubscriptionCreatedData;
  'subscription.upgraded': sub.PlanChangedData;
  'subscription.downgrade_scheduled': sub.DowngradeScheduledData;
  'subscription.downgrade_cancelled': sub.DowngradeCancelledData;
  'subscription.downgraded': sub.PlanChangedData;
  'subscription.cancelled': sub.SubscriptionCancelledData;
  'subscription.reactivated': sub.SubscriptionReactivatedData;
  'subscription.ended': sub.SubscriptionEndedData;
  'subscription.duplicate_cancelled': sub.DuplicateSubscriptionCancelledData;
  'subscription.migrated': sub.SubscriptionMigratedData;
  'payment.failed': pay.PaymentFailedData;
  'payment.action_required': pay.PaymentActionRequiredData;
  'payment.restored': pay.PaymentRestoredData;
  'tenant.payment_status.changed': pay.PaymentStatusChangedData;
  'tenant.restricted': pay.TenantRestrictedData;
  'tenant.locked': tenant.TenantLockedData;
  'tenant.restored': pay.TenantRestoredData;
  'tenant.suspended': tenant.TenantSuspendedData;
  'tenant.unsuspended': tenant.TenantUnsuspendedData;
  'tenant.unlocked': tenant.TenantUnlockedData;
  'tenant.limits_overridden': tenant.TenantLimitsOverriddenData;
  'tenant.discount_applied': tenant.TenantDiscountAppliedData;
  'tenant.closed': closure.TenantClosedData;
  'tenant.erased': closure.TenantErasedData;
  'entitlement.overridden': ent.EntitlementOverriddenData;
  'entitlement.override_expired': ent.EntitlementOverrideExpiredData;
  'entitlement.override_removed': ent.EntitlementOverrideRemovedData;
  'usage.threshold_crossed': usage.ThresholdCrossedData;
  'usage.monthly_summary': usage.MonthlySummaryData;
  'webhook_endpoint.disabled': hooks.WebhookEndpointDisabledData;
}

export type BillingEventType = keyof EventPayloads;
export type EventPayload<T extends BillingEventType> = EventPayloads[T];

export interface CatalogEntry<P> {
  /** The payload version, carried in every envelope of this type. */
  version: number;
  description: string;
  schema: PayloadSchema<P>;
}

type Catalog = { [T in BillingEventType]: CatalogEntry<EventPayloads[T]> };

export const EVENT_CATALOG = {
  'tenant.created': { version: 1, schema: tenant.tenantCreatedSchema, description: 'A tenant registered; it starts on the trial plan (or the free plan when trials are off).' },
  'tenant.contact_updated': { version: 1, schema: tenant.tenantContactUpdatedSchema, description: 'The tenant owner changed the billing contact (name, billing email, address, tax id); the Stripe customer already carries it.' },
  'trial.ending_soon': { version: 1, schema: trial.trialEndingSoonSchema, description: "The trial ends soon: one of Tenure's configured reminders, or Stripe's trial_will_end for a subscription trialing on Stripe." },
  'trial.expired': { version: 1, schema: trial.trialExpiredSchema, description: 'The trial ended without a paid subscription; the tenant is on the free plan.' },
  'trial.extended': { version: 1, schema: trial.trialExtendedSchema, description: 'An admin extended the running trial; reminders still ahead are re-armed.' },
  'subscription.created': { version: 1, schema: sub.subscriptionCreatedSchema, description: 'A paid subscription became current; the tenant is on its plan (ends a running trial).' },
  'subscription.upgraded': { version: 1, schema: sub.planChangedSchema, description: 'The tenant moved to a plan of higher or equal rank, effective now.' },
  'subscription.downgrade_scheduled': { version: 1, schema: sub.downgradeScheduledSchema, description: 'A downgrade was scheduled for the end of the billing period.' },
  'subscription.downgrade_cancelled': { version: 1, schema: sub.downgradeCancelledSchema, description: 'A scheduled downgrade was dropped before it took effect.' },
  'subscription.downgraded': { version: 1, schema: sub.planChangedSchema, description: 'The tenant moved to a plan of lower rank (a scheduled downgrade took effect, or Stripe changed the price).' },
  'subscription.cancelled': { version: 1, schema: sub.subscriptionCancelledSchema, description: 'The subscription will end at the end of its period (cancel at period end).' },
  'subscription.reactivated': { version: 1, schema: sub.subscriptionReactivatedSchema, description: 'A cancellation at period end was undone.' },
  'subscription.ended': { version: 1, schema: sub.subscriptionEndedSchema, description: 'The subscription ended; the tenant is back on the free plan.' },
  'subscription.duplicate_cancelled': { version: 1, schema: sub.duplicateSubscriptionCancelledSchema, description: 'A second subscription appeared while the tenant had a live one (two checkouts completed); Tenure cancelled it at once and the tenant stays on the first.' },
  'subscription.migrated': { version: 1, schema: sub.subscriptionMigratedSchema, description: 'A plan migration moved the tenant to another version of its plan (new prices or entitlements), now or at the end of the billing period.' },
  'payment.failed': { version: 1, schema: pay.paymentFailedSchema, description: "An invoice payment failed (each of Stripe's attempts); dunning starts or continues." },
  'payment.action_required': { version: 1, schema: pay.paymentActionRequiredSchema, description: "The customer's bank asks them to authenticate an invoice payment (3-D Secure) on Stripe's hosted invoice page; dunning starts or continues as for a failure, until the invoice is paid." },
  'payment.restored': { version: 1, schema: pay.paymentRestoredSchema, description: 'A paid invoice settled the debt; the payment status is active again.' },
  'tenant.payment_status.changed': { version: 1, schema: pay.paymentStatusChangedSchema, description: 'The dunning ladder moved (active, past_due, restricted, locked), in either direction.' },
  'tenant.restricted': { version: 1, schema: pay.tenantRestrictedSchema, description: 'Unpaid for DUNNING_RESTRICT_AFTER: access is read-only.' },
  'tenant.locked': { version: 1, schema: tenant.tenantLockedSchema, description: 'Access is denied, by an admin lock or by the dunning ladder; `source` says which, and the payload differs.' },
  'tenant.restored': { version: 1, schema: pay.tenantRestoredSchema, description: 'A dunning restriction or lock ended (payment, or the debt was settled otherwise).' },
  'tenant.suspended': { version: 1, schema: tenant.tenantSuspendedSchema, description: 'An admin suspended the tenant: no access until unsuspended.' },
  'tenant.unsuspended': { version: 1, schema: tenant.tenantUnsuspendedSchema, description: 'An admin lifted the suspension.' },
  'tenant.unlocked': { version: 1, schema: tenant.tenantUnlockedSchema, description: 'An admin lock ended, by an admin or by itself at lockedUntil.' },
  'tenant.limits_overridden': { version: 1, schema: tenant.tenantLimitsOverriddenSchema, description: "An admin overrode some of the plan's limits for this tenant." },
  'tenant.discount_applied': { version: 1, schema: tenant.tenantDiscountAppliedSchema, description: 'An admin applied a Stripe coupon.' },
  'tenant.closed': { version: 1, schema: closure.tenantClosedSchema, description: 'An admin closed the account: its subscription is cancelled, access is none, and its lifecycle has ended. Final; webhooks for it afterwards are stored and ignored.' },
  'tenant.erased': { version: 1, schema: closure.tenantErasedSchema, description: "A closed account's personal data (names, emails, addresses) was removed from the projection and the audit payloads; ids and amounts are kept." },
  'entitlement.overridden': { version: 1, schema: ent.entitlementOverriddenSchema, description: "An admin overrode one feature for this tenant, above its plan: a boolean feature's flag or a metered feature's limit, until removed or until `until`." },
  'entitlement.override_expired': { version: 1, schema: ent.entitlementOverrideExpiredSchema, description: "An override's `until` passed and the lifecycle removed it." },
  'entitlement.override_removed': { version: 1, schema: ent.entitlementOverrideRemovedSchema, description: 'An admin removed an override before its end.' },
  'usage.threshold_crossed': { version: 1, schema: usage.thresholdCrossedSchema, description: 'Usage of a metered feature reached 80% or 100% of its limit; once per tenant, feature, period and threshold.' },
  'usage.monthly_summary': { version: 1, schema: usage.monthlySummarySchema, description: 'A usage period ended: the monthly features as counted, with their limits.' },
  'webhook_endpoint.disabled': { version: 1, schema: hooks.webhookEndpointDisabledSchema, description: 'A webhook endpoint failed to accept an event for the whole retry window and was disabled; tenantId is `_platform`. Deliveries stop until it is enabled again (PATCH enabled: true).' },
} as const satisfies Catalog;

export type EventCatalog = typeof EVENT_CATALOG;

/** Every event type, in catalog order. */
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as readonly BillingEventType[];
