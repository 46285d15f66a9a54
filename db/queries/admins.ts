import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { adminAudit, adminCredentials } from '../schema/index.js';

export type AuditEntry = typeof adminAudit.$inferInsert;

/** An admin's stored password hash and lock-out, or null for an admin without a password. */
export async function findAdminCredentials(db: Db, adminId: string): Promise<{ passwordHash: string; lockedUntil: Date | null } | null> {
  const rows = await db.select({ passwordHash: adminCredentials.passwordHash, lockedUntil: adminCredentials.lockedUntil }).from(adminCredentials).where(eq(adminCredentials.adminId, adminId)).limit(1);
  return rows[0] ?? null;
}

/** Sets (or replaces) an admin's password hash; a new password also lifts a lock-out. */
export async function saveAdminPasswordHash(db: Db, adminId: string, passwordHash: string): Promise<void> {
  const reset = { failedAttempts: 0, failuresSince: null, lockedUntil: null };
  await db.insert(adminCredentials).values({ adminId, passwordHash }).onConflictDoUpdate({ target: adminCredentials.adminId, set: { passwordHash, ...reset, updatedAt: new Date() } });
}

/**
 * Counts one wrong password in one statement (so parallel attempts cannot undercount): the count
 * restarts when the window has passed, and reaching `max` sets `lockedUntil` and clears the count.
 * Returns the lock-out end, or null when the admin is not locked out.
 */
export async function recordReauthFailure(db: Db, adminId: string, policy: { max: number; windowMs: number; lockMs: number }): Promise<Date | null> {
  const fresh = sql`(${adminCredentials.failuresSince} is null or ${adminCredentials.failuresSince} <= now() - ${policy.windowMs} * interval '1 millisecond')`;
  const count = sql`(case when ${fresh} then 1 else ${adminCredentials.failedAttempts} + 1 end)`;
  const reached = sql`${count} >= ${policy.max}`;
  const rows = await db.update(adminCredentials).set({
    failedAttempts: sql`case when ${reached} then 0 else ${count} end`,
    failuresSince: sql`case when ${reached} then null when ${fresh} then now() else ${adminCredentials.failuresSince} end`,
    lockedUntil: sql`case when ${reached} then now() + ${policy.lockMs} * interval '1 millisecond' else ${adminCredentials.lockedUntil} end`,
  }).where(eq(adminCredentials.adminId, adminId)).returning({ lockedUntil: adminCredentials.lockedUntil, now: sql<Date>`now()` });
  const row = rows[0];
  return row?.lockedUntil && row.lockedUntil > new Date(row.now) ? row.lockedUntil : null;
}

/** Forgets an admin's wrong passwords after a right one. */
export async function clearReauthFailures(db: Db, adminId: string): Promise<void> {
  await db.update(adminCredentials).set({ failedAttempts: 0, failuresSince: null }).where(eq(adminCredentials.adminId, adminId));
}

/** Writes an audit row (the intent, outcome `requested`) and returns its id. */
export async function recordAdminAudit(db: Db, entry: AuditEntry): Promise<number> {
  const rows = await db.insert(adminAudit).values(entry).returning({ id: adminAudit.id });
  return rows[0]!.id;
}

/** Moves an audit row to the action's outcome, merging the outcome's details. */
export async function settleAdminAudit(db: Db, id: number, outcome: string, details: Record<string, unknown>): Promise<void> {
  await db.update(adminAudit).set({ outcome, details: sql`${adminAudit.details} || ${JSON.stringify(details)}::jsonb`, decidedAt: new Date() }).where(eq(adminAudit.id, id));
}

/** The audit trail of one tenant, newest first. */
export async function listAdminAudit(db: Db, filter: { tenantId?: string; adminId?: string }, limit = 50) {
  const where = and(filter.tenantId ? eq(adminAudit.tenantId, filter.tenantId) : undefined, filter.adminId ? eq(adminAudit.adminId, filter.adminId) : undefined);
  return db.select().from(adminAudit).where(where).orderBy(desc(adminAudit.at), desc(adminAudit.id)).limit(limit);
}
