import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { FeatureKind } from '../../domain/entitlements/features.js';

// The feature catalog the operator declares: what a plan may grant and an override may set. The
// key is what plans' entitlements and tenants' overrides (in the lifecycle state) name; the kind never changes.
export const features = pgTable('features', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<FeatureKind>().notNull(),
  unit: text('unit'),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('features_kind_check', sql`${t.kind} in ('boolean', 'gauge', 'monthly', 'read')`),
]);
