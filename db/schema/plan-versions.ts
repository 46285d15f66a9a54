import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Plan } from '../../domain/plans/types.js';

// The superseded versions of each plan, as they were: a change to a plan's prices or entitlements
// archives the version it replaces here (the current one stays in `plans`).
export const planVersions = pgTable('plan_versions', {
  planId: text('plan_id').notNull(),
  version: integer('version').notNull(),
  plan: jsonb('plan').$type<Plan>().notNull(),
  supersededAt: timestamp('superseded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.planId, t.version] })]);
