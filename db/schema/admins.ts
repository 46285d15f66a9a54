import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Admin re-authentication: a scrypt hash per admin (set with `tenure admin set-password`).
export const adminCredentials = pgTable('admin_credentials', {
  adminId: text('admin_id').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Every admin action: who, what, when, on which tenant, and why.
export const adminAudit = pgTable('admin_audit', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  adminId: text('admin_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  action: text('action').notNull(),
  reason: text('reason'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  outcome: text('outcome').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('admin_audit_tenant_idx').on(t.tenantId, t.at), index('admin_audit_admin_idx').on(t.adminId, t.at)]);
