// Payloads of the subscription.* events (emitted by domain/lifecycle/subscription-sync.ts,
// plan-switch.ts and plan-changes.ts).
import { LIVE_STATUSES } from '../lifecycle/values.js';
import { count, epochMs, nullableText, objectSchema, oneOfValues, text } from './json-schema.js';

/** Why a scheduled downgrade was dropped. */
export const DOWNGRADE_CANCEL_REASONS = ['plan_changed', 'subscription_cancelled', 'subscription_ended', 'requested'] as const;
export type DowngradeCancelReason = (typeof DOWNGRADE_CANCEL_REASONS)[number];

export type SubscriptionCreatedData = {
  subscriptionId: string;
  planId: string;
  status: string;
};

/** subscription.upgraded and subscription.downgraded: the plan changed now. */
export type PlanChangedData = {
  fromPlanId: string;
  toPlanId: string;
  subscriptionId: string | null;
};

export type DowngradeScheduledData = {
  fromPlanId: string;
  toPlanId: string;
  effectiveAt: number;
  subscriptionId: string;
};

export type DowngradeCancelledData = {
  planId: string;
  effectiveAt: number;
  reason: DowngradeCancelReason;
};

export type SubscriptionCancelledData = {
  subscriptionId: string;
  reason: string | null;
  cancelAt: number;
};

/** subscription.migrated: a plan migration moved the tenant to another version of its plan. */
export type SubscriptionMigratedData = {
  migrationId: string;
  planId: string;
  fromVersion: number;
  toVersion: number;
  effective: 'now' | 'period_end';
  effectiveAt: number;
  subscriptionId: string | null;
};

export type SubscriptionReactivatedData = {
  subscriptionId: string;
  planId: string | null;
};

export type SubscriptionEndedData = {
  subscriptionId: string;
  status: string;
  fromPlanId: string;
  toPlanId: string;
};

const subscriptionId = text('Stripe subscription id');

export const subscriptionCreatedSchema = objectSchema<SubscriptionCreatedData>({
  subscriptionId,
  planId: text('The plan the subscription puts the tenant on'),
  status: oneOfValues(LIVE_STATUSES, 'Stripe status: only a live subscription is announced'),
});

export const subscriptionMigratedSchema = objectSchema<SubscriptionMigratedData>({
  migrationId: text('The plan migration (GET /admin/migrations/:id)'),
  planId: text('The plan, unchanged'),
  fromVersion: count('The version the tenant was on'),
  toVersion: count('The version the tenant is on from effectiveAt'),
  effective: oneOfValues(['now', 'period_end'], 'now, or at the end of the billing period'),
  effectiveAt: epochMs('When the new version takes effect'),
  subscriptionId: nullableText('The current Stripe subscription; null when the tenant has none'),
});

export const planChangedSchema = objectSchema<PlanChangedData>({
  fromPlanId: text('The plan before'),
  toPlanId: text('The plan now'),
  subscriptionId: nullableText('The current Stripe subscription; null when the tenant has none'),
});

export const downgradeScheduledSchema = objectSchema<DowngradeScheduledData>({
  fromPlanId: text('The plan now'),
  toPlanId: text('The plan from effectiveAt'),
  effectiveAt: epochMs('When the downgrade takes effect: the end of the billing period'),
  subscriptionId,
});

export const downgradeCancelledSchema = objectSchema<DowngradeCancelledData>({
  planId: text('The plan the dropped downgrade would have moved to'),
  effectiveAt: epochMs('When it would have taken effect'),
  reason: oneOfValues(DOWNGRADE_CANCEL_REASONS, 'Why it was dropped'),
});

export const subscriptionCancelledSchema = objectSchema<SubscriptionCancelledData>({
  subscriptionId,
  reason: nullableText('The reason the tenant gave; null when none is known (e.g. cancelled in Stripe)'),
  cancelAt: epochMs('When the subscription ends: the end of the current period'),
});

export const subscriptionReactivatedSchema = objectSchema<SubscriptionReactivatedData>({
  subscriptionId,
  planId: nullableText("The subscription's plan id as Stripe names it; null when its price maps to no plan"),
});

export const subscriptionEndedSchema = objectSchema<SubscriptionEndedData>({
  subscriptionId,
  status: text("Stripe's final status (e.g. canceled, incomplete_expired)"),
  fromPlanId: text('The plan before'),
  toPlanId: text('The plan now: the free plan'),
});

export type DuplicateSubscriptionCancelledData = {
  subscriptionId: string;
  keptSubscriptionId: string;
  planId: string | null;
};

export const duplicateSubscriptionCancelledSchema = objectSchema<DuplicateSubscriptionCancelledData>({
  subscriptionId: text('The second subscription, cancelled at once so that it never bills'),
  keptSubscriptionId: text('The subscription the tenant stays on'),
  planId: nullableText('The plan the cancelled subscription was for; null when its price maps to no plan'),
});
