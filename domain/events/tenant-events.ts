// Payloads of the tenant's own events: creation and the operator's overrides (emitted by
// domain/lifecycle/initial-state.ts, admin.ts and tick.ts; the dunning lock by dunning.ts).
import type { BillingContact } from '../lifecycle/contact.js';
import type { PaymentStatus } from '../lifecycle/values.js';
import {
  constant, epochMs, flag, nullableEpochMs, nullableText, objectSchema, oneOfValues, text, variantsSchema, type JsonSchema,
} from './json-schema.js';
import { byFeatureKey, nullableLimit } from './feature-key-schema.js';
import { PAYMENT_STATUSES } from './payment-events.js';

export type TenantCreatedData = {
  name: string | null;
  email: string | null;
  planId: string;
  trialEndsAt: number | null;
};

/** The whole billing contact after the change (fields the owner left out are null). */
export type TenantContactUpdatedData = {
  name: string;
  email: string;
  address: BillingContact['address'];
  taxId: BillingContact['taxId'];
};

export type TenantLockedByAdminData = {
  source: 'admin';
  reason: string;
  actor: string;
  lockedUntil: number | null;
};

export type TenantLockedByDunningData = {
  source: 'dunning';
  /** Never null (only a debt locks); typed wider because dunning.ts does not narrow it. */
  pastDueSince: number | null;
  reason: 'payment overdue';
};

export type TenantLockedData = TenantLockedByAdminData | TenantLockedByDunningData;

export type TenantSuspendedData = {
  reason: string;
  actor: string;
};

export type TenantUnsuspendedData = {
  reason: string | null;
  actor: string;
};

export type TenantUnlockedData = {
  source: 'admin';
  auto: boolean;
  actor: string | null;
  reason: string | null;
  paymentStatus: PaymentStatus;
};

export type TenantLimitsOverriddenData = {
  /** Per metered feature key; null is unlimited. Emitted by histories from before the feature catalog. */
  limits: Record<string, number | null>;
  actor: string;
  reason: string | null;
};

export type TenantDiscountAppliedData = {
  couponId: string;
  actor: string;
};

const actor = text('Who did it: the admin user, as authenticated');

export const tenantCreatedSchema = objectSchema<TenantCreatedData>({
  name: nullableText('Display name given at registration'),
  email: nullableText('Contact email given at registration'),
  planId: text('The plan the tenant starts on: the trial plan, or the free plan when trials are off'),
  trialEndsAt: nullableEpochMs('When the trial ends; null when there is no trial'),
});

export const tenantLockedSchema = variantsSchema([
  objectSchema<TenantLockedByAdminData>({
    source: constant('admin', 'An operator locked the tenant'),
    reason: text('Why, as the operator gave it'),
    actor,
    lockedUntil: nullableEpochMs('When the lock lifts by itself; null until an explicit unlock'),
  }, 'Locked by an operator'),
  objectSchema<TenantLockedByDunningData>({
    source: constant('dunning', 'The dunning ladder reached its last step'),
    pastDueSince: epochMs('The first payment failure not yet settled'),
    reason: constant('payment overdue', 'Fixed text for a payment lock'),
  }, 'Locked for an unpaid debt; lifts when it is paid (tenant.restored)'),
]);

export const tenantSuspendedSchema = objectSchema<TenantSuspendedData>({
  reason: text('Why, as the operator gave it'),
  actor,
});

export const tenantUnsuspendedSchema = objectSchema<TenantUnsuspendedData>({
  reason: nullableText('Why, when the operator gave a reason'),
  actor,
});

export const tenantUnlockedSchema = objectSchema<TenantUnlockedData>({
  source: constant('admin', 'Always admin: only an admin lock is unlocked (a payment lock ends with tenant.restored)'),
  auto: flag('True when the lock expired by itself at lockedUntil'),
  actor: nullableText('The admin who unlocked; null for an automatic unlock'),
  reason: nullableText('Why, when the admin gave a reason; null for an automatic unlock'),
  paymentStatus: oneOfValues(PAYMENT_STATUSES, 'Payment status at the unlock: a payment-locked tenant still has no access'),
});

export const tenantLimitsOverriddenSchema = objectSchema<TenantLimitsOverriddenData>({
  limits: byFeatureKey(
    nullableLimit('The new limit; null is unlimited'),
    'The metered features overridden by this action (at least one), keyed by feature key; features not named keep their earlier override',
    1,
  ),
  actor,
  reason: nullableText('Why, when the admin gave a reason'),
});

export const tenantDiscountAppliedSchema = objectSchema<TenantDiscountAppliedData>({
  couponId: text('Stripe coupon id'),
  actor,
});

/** An object field that may be null. */
const orNull = (description: string, schema: JsonSchema): JsonSchema => ({ description, oneOf: [{ type: 'null' }, schema] });

const addressSchema = orNull('The billing address; null when the owner gave none',
  objectSchema<NonNullable<BillingContact['address']>>({
    line1: text('First address line'),
    line2: nullableText('Second address line'),
    city: text('City'),
    postalCode: text('Postal code'),
    state: nullableText('State, county or province'),
    country: text('ISO 3166-1 alpha-2 country code'),
  }, 'A postal address'));

const taxIdSchema = orNull('The tax id as Stripe accepted it; null when the owner gave none',
  objectSchema<NonNullable<BillingContact['taxId']>>({ type: text("Stripe's tax id type, such as eu_vat"), value: text('The tax id') }, 'A tax id'));

export const tenantContactUpdatedSchema = objectSchema<TenantContactUpdatedData>({
  name: text('Name on invoices (the Stripe customer name)'),
  email: text('Billing email: invoices, receipts and notifications go there'),
  address: addressSchema,
  taxId: taxIdSchema,
});
