// Payloads of the trial's events (emitted by domain/lifecycle/tick.ts, stripe-events.ts and admin.ts).
import { constant, count, epochMs, objectSchema, text, variantsSchema } from './json-schema.js';

/** A reminder from Tenure's own trial, at one of the configured offsets before its end. */
export type TrialReminderData = {
  source: 'trial';
  endsAt: number;
  msLeft: number;
  daysLeft: number;
  reminderMs: number;
};

/** Stripe's `customer.subscription.trial_will_end` for a subscription trialing on Stripe's side. */
export type StripeTrialReminderData = {
  source: 'stripe';
  subscriptionId: string;
  endsAt: number;
  msLeft: number;
  daysLeft: number;
};

export type TrialEndingSoonData = TrialReminderData | StripeTrialReminderData;

export type TrialExpiredData = {
  startedAt: number;
  endedAt: number;
  planId: string;
};

export type TrialExtendedData = {
  previousEndsAt: number;
  endsAt: number;
  byMs: number;
  actor: string;
};

const msLeft = count('Milliseconds from the event to the trial end');
const daysLeft = count('msLeft in days, rounded up');

export const trialEndingSoonSchema = variantsSchema([
  objectSchema<TrialReminderData>({
    source: constant('trial', "Tenure's own trial"),
    endsAt: epochMs('When the trial ends'),
    msLeft,
    daysLeft,
    reminderMs: count('The configured reminder offset (TRIAL_REMINDERS) this event announces'),
  }, "A reminder of Tenure's own trial"),
  objectSchema<StripeTrialReminderData>({
    source: constant('stripe', "Stripe's trial_will_end"),
    subscriptionId: text('The trialing Stripe subscription'),
    endsAt: epochMs("The subscription's current period end, where Stripe's trial ends"),
    msLeft,
    daysLeft,
  }, 'A Stripe-side trial (a trialing subscription) is ending'),
]);

export const trialExpiredSchema = objectSchema<TrialExpiredData>({
  startedAt: epochMs('When the trial started'),
  endedAt: epochMs('When the trial ended (its scheduled end, even when the tick ran later)'),
  planId: text('The plan the tenant falls back to (the free plan)'),
});

export const trialExtendedSchema = objectSchema<TrialExtendedData>({
  previousEndsAt: epochMs('The trial end before the extension'),
  endsAt: epochMs('The new trial end'),
  byMs: count('The extension, in milliseconds'),
  actor: text('The admin who extended it'),
});
