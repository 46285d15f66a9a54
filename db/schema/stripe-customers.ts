import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// One Stripe customer per tenant, created the first time it is needed; webhooks resolve tenants by it.
export const stripeCustomers = pgTable('stripe_customers', {
  tenantId: text('tenant_id').primaryKey(),
  customerId: text('customer_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('stripe_customers_customer_id_key').on(t.customerId)]);
