import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Entitlements } from '../../domain/entitlements/entitlements.js';
import type { LegacyLimits } from '../../domain/entitlements/legacy.js';

export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  rank: integer('rank').notNull(),
  currency: text('currency').notNull().default('usd'),
  priceMonthlyCents: integer('price_monthly_cents').notNull(),
  priceAnnualCents: integer('price_annual_cents'),
  /** Before entitlements; still written (the metered limits) for one release so a rollback finds it, never read. */
  limits: jsonb('limits').$type<LegacyLimits>(),
  entitlements: jsonb('entitlements').$type<Entitlements>().notNull().default({}),
  features: jsonb('features').$type<string[]>().notNull().default([]),
  tenantId: text('tenant_id'),
  manualInvoicing: boolean('manual_invoicing').notNull().default(false),
  /** For manualInvoicing plans: the days a sent invoice is due in (Stripe's days_until_due). */
  daysUntilDue: integer('days_until_due').notNull().default(30),
  stripeProductId: text('stripe_product_id'),
  stripePriceId: text('stripe_price_id'),
  stripeAnnualPriceId: text('stripe_annual_price_id'),
  isActive: boolean('is_active').notNull().default(true),
  /** The current version: +1 on each change to the prices or entitlements (the earlier ones are in plan_versions). */
  version: integer('version').notNull().default(1),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // `entitlements ? key`: which plans name a feature (FEATURE_IN_USE on delete).
  index('plans_entitlements_idx').using('gin', t.entitlements),
]);
