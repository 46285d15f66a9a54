import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Entitlement } from '../../domain/entitlements/entitlements.js';
import { features } from './features.js';

// The projection of a tenant's entitlement overrides (the workflow state is the source of truth).
// The foreign key keeps a feature an override names from being deleted, race-free.
export const tenantFeatureOverrides = pgTable('tenant_feature_overrides', {
  tenantId: text('tenant_id').notNull(),
  featureKey: text('feature_key').notNull().references(() => features.key, { onDelete: 'restrict' }),
  value: jsonb('value').$type<Entitlement>().notNull(),
  reason: text('reason').notNull(),
  until: timestamp('until', { withTimezone: true }),
  actor: text('actor').notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.featureKey] }),
]);
