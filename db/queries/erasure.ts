import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { adminAudit, billingEvents, notificationSends, stripeEvents, tenants } from '../schema/index.js';

type Json = Record<string, unknown>;
type Redact = (payload: Json) => { value: Json; removed: number; fields: string[] };

export interface ErasureCounts {
  projectionValues: number;
  auditValues: number;
  fields: string[];
  billingEvents: number;
  adminAuditRows: number;
}

/**
 * Rewrites one tenant's projection row, billing events and admin audit rows with `redact` applied,
 * in one transaction; rows that lose nothing are left untouched. Returns what was removed and kept.
 */
export async function eraseTenantRows(db: Db, tenantId: string, redact: Redact): Promise<ErasureCounts> {
  return db.transaction(async (tx) => {
    const fields = new Set<string>();
    const [row] = await tx.select({ name: tenants.name, email: tenants.email, address: tenants.billingAddress, taxId: tenants.taxId, paymentActionUrl: tenants.paymentActionUrl, state: tenants.state })
      .from(tenants).where(eq(tenants.tenantId, tenantId)).for('update');
    const state = redact(row?.state ?? {});
    // The personal columns (the billing contact's), by the name the payloads give them.
    const personal = (['name', 'email', 'address', 'taxId', 'paymentActionUrl'] as const).filter((k) => row?.[k] != null);
    personal.forEach((f) => fields.add(f));
    state.fields.forEach((f) => fields.add(f));
    if (personal.length + state.removed > 0) {
      await tx.update(tenants).set({ name: null, email: null, billingAddress: null, taxId: null, paymentActionUrl: null, state: state.value }).where(eq(tenants.tenantId, tenantId));
    }
    const columns = personal.length;

    const audit = { values: 0 };
    const redactAll = async <Id>(rows: { id: Id; payload: Json }[], write: (id: Id, payload: Json) => Promise<unknown>) => {
      for (const row of rows) {
        const r = redact(row.payload);
        if (r.removed === 0) continue;
        audit.values += r.removed;
        r.fields.forEach((f) => fields.add(f));
        await write(row.id, r.value);
      }
    };
    const events = await tx.select({ id: billingEvents.id, payload: billingEvents.data }).from(billingEvents).where(eq(billingEvents.tenantId, tenantId));
    await redactAll(events, (id, data) => tx.update(billingEvents).set({ data }).where(eq(billingEvents.id, id)));
    const audits = await tx.select({ id: adminAudit.id, payload: adminAudit.details }).from(adminAudit).where(eq(adminAudit.tenantId, tenantId));
    await redactAll(audits, (id, details) => tx.update(adminAudit).set({ details }).where(eq(adminAudit.id, id)));
    // The raw Stripe webhooks kept for replay (customer name, email, address in invoices), and who was emailed.
    const webhooks = await tx.select({ id: stripeEvents.id, payload: stripeEvents.payload }).from(stripeEvents).where(eq(stripeEvents.tenantId, tenantId));
    await redactAll(webhooks, (id, payload) => tx.update(stripeEvents).set({ payload }).where(eq(stripeEvents.id, id)));
    const emailed = await tx.update(notificationSends).set({ recipient: null }).where(and(eq(notificationSends.tenantId, tenantId), isNotNull(notificationSends.recipient))).returning({ id: notificationSends.eventId });
    if (emailed.length > 0) { fields.add('recipient'); audit.values += emailed.length; }
    return { projectionValues: columns + state.removed, auditValues: audit.values, fields: [...fields].sort(), billingEvents: events.length, adminAuditRows: audits.length };
  });
}
