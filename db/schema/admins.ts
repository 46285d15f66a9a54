import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Admin re-authentication: a scrypt hash per admin (set with `tenure admin set-password`), and the
// wrong passwords counted since `failuresSince`, which lock the admin out until `lockedUntil`.
export const adminCredentials = pgTable('admin_credentials', {
  adminId: text('admin_id').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  failuresSince: timestamp('failures_since', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Every admin action: who, what, when, on which tenant, and why. The row is written as `requested`
// before the action runs, then moved to its outcome (`applied`, `rejected`, `locked_out`).
export const adminAudit = pgTable('admin_audit', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  adminId: text('admin_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  action: text('action').notNull(),
  reason: text('reason'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  outcome: text('outcome').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, (t) => [index('admin_audit_tenant_idx').on(t.tenantId, t.at), index('admin_audit_admin_idx').on(t.adminId, t.at)]);
