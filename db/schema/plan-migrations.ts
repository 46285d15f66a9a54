import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Plan migrations (the planMigration workflow) and each selected tenant's outcome. The workflow
// writes them through its activities; GET /admin/migrations/:id reads them.
export const planMigrations = pgTable('plan_migrations', {
  id: text('id').primaryKey(),
  planId: text('plan_id').notNull(),
  toVersion: integer('to_version').notNull(),
  fromVersions: jsonb('from_versions').$type<number[]>(),
  tenantIds: jsonb('tenant_ids').$type<string[]>(),
  effective: text('effective').notNull(),
  dryRun: boolean('dry_run').notNull(),
  force: boolean('force').notNull().default(false),
  ratePerSecond: integer('rate_per_second').notNull(),
  /** selecting | running | paused | completed | cancelled */
  status: text('status').notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const planMigrationTenants = pgTable('plan_migration_tenants', {
  migrationId: text('migration_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  /** The order the workflow takes the tenants in (stable across worker crashes). */
  seq: integer('seq').notNull(),
  fromVersion: integer('from_version').notNull(),
  /** pending | applied | scheduled | skipped | failed | previewed */
  outcome: text('outcome').notNull(),
  code: text('code'),
  message: text('message'),
  /** The dry run's report for the tenant (entitlements before and after, exceeded gauges, proration). */
  report: jsonb('report').$type<Record<string, unknown>>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.migrationId, t.tenantId] }), index('plan_migration_tenants_seq_idx').on(t.migrationId, t.seq)]);
