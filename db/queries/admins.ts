import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { adminAudit, adminCredentials } from '../schema/index.js';

export type AuditEntry = typeof adminAudit.$inferInsert;

/** The stored password hash of an admin, or null. */
export async function findAdminPasswordHash(db: Db, adminId: string): Promise<string | null> {
  const rows = await db.select({ hash: adminCredentials.passwordHash }).from(adminCredentials).where(eq(adminCredentials.adminId, adminId)).limit(1);
  return rows[0]?.hash ?? null;
}

/** Sets (or replaces) an admin's password hash. */
export async function saveAdminPasswordHash(db: Db, adminId: string, passwordHash: string): Promise<void> {
  await db.insert(adminCredentials).values({ adminId, passwordHash }).onConflictDoUpdate({ target: adminCredentials.adminId, set: { passwordHash, updatedAt: new Date() } });
}

/** Appends to the admin audit log. */
export async function recordAdminAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(adminAudit).values(entry);
}

/** The audit trail of one tenant, newest first. */
export async function listAdminAudit(db: Db, filter: { tenantId?: string; adminId?: string }, limit = 50) {
  const where = and(filter.tenantId ? eq(adminAudit.tenantId, filter.tenantId) : undefined, filter.adminId ? eq(adminAudit.adminId, filter.adminId) : undefined);
  return db.select().from(adminAudit).where(where).orderBy(desc(adminAudit.at), desc(adminAudit.id)).limit(limit);
}
