// Payloads of the dunning ladder's events: payment.*, tenant.payment_status.changed,
// tenant.restricted and tenant.restored (emitted by domain/lifecycle/dunning.ts and stripe-events.ts).
import type { DunningCause, PaymentStatus } from '../lifecycle/values.js';
import { constant, count, epochMs, nullableEpochMs, nullableText, objectSchema, oneOfValues, text } from './json-schema.js';

export const PAYMENT_STATUSES = ['active', 'past_due', 'restricted', 'locked'] as const satisfies readonly PaymentStatus[];
export const DUNNING_CAUSES = ['invoice_paid', 'payment_failed', 'payment_action_required', 'deadline', 'subscription_ended'] as const satisfies readonly DunningCause[];
// The lists above must name every member of their type, or the schemas would reject real events.
type Exhaustive<All, Listed extends All> = [All] extends [Listed] ? true : never;
const _statusesComplete: Exhaustive<PaymentStatus, (typeof PAYMENT_STATUSES)[number]> = true;
const _causesComplete: Exhaustive<DunningCause, (typeof DUNNING_CAUSES)[number]> = true;

export type PaymentFailedData = {
  invoiceId: string;
  subscriptionId: string | null;
  amountDue: number;
  attemptCount: number;
};

export type PaymentActionRequiredData = {
  invoiceId: string;
  subscriptionId: string | null;
  amountDue: number;
  hostedInvoiceUrl: string | null;
};

export type PaymentRestoredData = {
  /** Never 'active' (the ladder moved to active from it); typed wider because dunning.ts does not narrow it. */
  from: PaymentStatus;
};

export type PaymentStatusChangedData = {
  from: PaymentStatus;
  to: PaymentStatus;
  pastDueSince: number | null;
  cause: DunningCause;
};

export type TenantRestrictedData = {
  source: 'dunning';
  /** Never null (only a debt restricts); typed wider because dunning.ts does not narrow it. */
  pastDueSince: number | null;
};

export type TenantRestoredData = {
  source: 'dunning';
  from: 'restricted' | 'locked';
  to: 'active' | 'past_due';
};

const unpaid = PAYMENT_STATUSES.filter((s) => s !== 'active');
const pastDueSince = nullableEpochMs('The first payment failure not yet settled; null once nothing is owed');
const owedSince = epochMs('The first payment failure not yet settled');

export const paymentFailedSchema = objectSchema<PaymentFailedData>({
  invoiceId: text('Stripe invoice id'),
  subscriptionId: nullableText('Stripe subscription id of the invoice; null for an invoice without one'),
  amountDue: count('Amount due, in the smallest currency unit'),
  attemptCount: count("Stripe's attempt number for this invoice"),
});

export const paymentActionRequiredSchema = objectSchema<PaymentActionRequiredData>({
  invoiceId: text('Stripe invoice id'),
  subscriptionId: nullableText('Stripe subscription id of the invoice; null for an invoice without one'),
  amountDue: count('Amount due, in the smallest currency unit'),
  hostedInvoiceUrl: nullableText("Stripe's hosted invoice page, where the customer authenticates the payment; null when Stripe gave none"),
});

export const paymentRestoredSchema = objectSchema<PaymentRestoredData>({
  from: oneOfValues(unpaid, 'The payment status the paid invoice ended'),
});

export const paymentStatusChangedSchema = objectSchema<PaymentStatusChangedData>({
  from: oneOfValues(PAYMENT_STATUSES, 'Payment status before'),
  to: oneOfValues(PAYMENT_STATUSES, 'Payment status after'),
  pastDueSince,
  cause: oneOfValues(DUNNING_CAUSES, 'What moved the ladder'),
});

export const tenantRestrictedSchema = objectSchema<TenantRestrictedData>({
  source: constant('dunning', 'Always dunning: only an unpaid debt restricts'),
  pastDueSince: owedSince,
});

export const tenantRestoredSchema = objectSchema<TenantRestoredData>({
  source: constant('dunning', 'Always dunning: an admin lock ends with tenant.unlocked'),
  from: oneOfValues(['restricted', 'locked'], 'The blocked payment status that ended'),
  to: oneOfValues(['active', 'past_due'], 'The payment status now'),
});
