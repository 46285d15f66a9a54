import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Limits } from '../../domain/plans/types.js';

export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  rank: integer('rank').notNull(),
  currency: text('currency').notNull().default('usd'),
  priceMonthlyCents: integer('price_monthly_cents').notNull(),
  priceAnnualCents: integer('price_annual_cents'),
  limits: jsonb('limits').$type<Limits>().notNull(),
  features: jsonb('features').$type<string[]>().notNull().default([]),
  tenantId: text('tenant_id'),
  manualInvoicing: boolean('manual_invoicing').notNull().default(false),
  stripeProductId: text('stripe_product_id'),
  stripePriceId: text('stripe_price_id'),
  stripeAnnualPriceId: text('stripe_annual_price_id'),
  isActive: boolean('is_active').notNull().default(true),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
