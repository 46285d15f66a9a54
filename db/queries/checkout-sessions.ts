import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { checkoutSessions } from '../schema/index.js';

export type CheckoutSessionRow = typeof checkoutSessions.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Runs `work` holding the tenant's checkout lock (a transaction-scoped advisory lock). */
export function withCheckoutLock<T>(db: Db, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tenure:checkout:${tenantId}`}))`);
    return work(tx);
  });
}

/** The session the tenant last opened, if any. */
export async function findCheckoutSession(tx: Tx, tenantId: string): Promise<CheckoutSessionRow | null> {
  const rows = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.tenantId, tenantId)).limit(1);
  return rows[0] ?? null;
}

/** Records the tenant's open session, replacing the previous one. */
export async function saveCheckoutSession(tx: Tx, row: Omit<CheckoutSessionRow, 'createdAt'>): Promise<void> {
  await tx.insert(checkoutSessions).values(row).onConflictDoUpdate({ target: checkoutSessions.tenantId, set: { sessionId: row.sessionId, url: row.url, fingerprint: row.fingerprint, expiresAt: row.expiresAt, createdAt: new Date() } });
}
