import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { LegacyLimits } from '../../domain/entitlements/legacy.js';
import type { ContactAddress, TaxId } from '../../domain/lifecycle/contact.js';

// The billing projection: the lifecycle workflow writes it (guarded by `version`), everything else reads it.
export const tenants = pgTable('tenants', {
  tenantId: text('tenant_id').primaryKey(),
  name: text('name'),
  email: text('email'),
  /** The rest of the billing contact (PUT /billings/contact), as the Stripe customer carries it. */
  billingAddress: jsonb('billing_address').$type<ContactAddress>(),
  taxId: jsonb('tax_id').$type<TaxId>(),
  /** Stripe's hosted invoice page of the newest payment waiting for the customer's authentication (SCA). */
  paymentActionUrl: text('payment_action_url'),
  status: text('status').notNull(),
  paymentStatus: text('payment_status').notNull(),
  access: text('access').notNull(),
  planId: text('plan_id').notNull(),
  planName: text('plan_name').notNull(),
  /** The version of the plan the tenant is on (its snapshot in `state`); a plan migration moves it. */
  planVersion: integer('plan_version').notNull().default(1),
  /** The effective limits of the metered features (null = unlimited); the full entitlements are in `state`. */
  limits: jsonb('limits').$type<LegacyLimits>().notNull(),
  trialStartedAt: timestamp('trial_started_at', { withTimezone: true }),
  trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
  stripeCustomerId: text('stripe_customer_id'),
  stripeSubscriptionId: text('stripe_subscription_id'),
  subscriptionStatus: text('subscription_status'),
  pendingPlanId: text('pending_plan_id'),
  usagePeriodStart: timestamp('usage_period_start', { withTimezone: true }),
  usagePeriodEnd: timestamp('usage_period_end', { withTimezone: true }),
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  pastDueSince: timestamp('past_due_since', { withTimezone: true }),
  version: integer('version').notNull(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('tenants_stripe_customer_id_key').on(t.stripeCustomerId),
  index('tenants_status_idx').on(t.status, t.paymentStatus),
  index('tenants_plan_idx').on(t.planId, t.planVersion),
]);
