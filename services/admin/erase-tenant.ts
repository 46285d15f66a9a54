import { recordAdminAudit, settleAdminAudit } from '../../db/queries/admins.js';
import { recordBillingEvents } from '../../db/queries/billing-events.js';
import { eraseTenantRows } from '../../db/queries/erasure.js';
import { findTenant } from '../../db/queries/tenants.js';
import { TenureError } from '../../domain/errors.js';
import { billingEvent } from '../../domain/events.js';
import { redactPersonalData } from '../../domain/privacy/personal-data.js';
import type { ServiceDeps } from '../deps.js';

/** What erase answers: what it removed now (nothing on a repeat) and what it keeps. */
export interface ErasureReport {
  tenantId: string;
  erasedAt: string;
  removed: { fields: string[]; projectionValues: number; auditValues: number };
  kept: { fields: string[]; billingEvents: number; adminAuditRows: number };
}

/** What an erased account keeps: enough to account for money and to answer an auditor. */
export const KEPT_FIELDS: readonly string[] = [
  'tenantId', 'status, paymentStatus, access', 'plan and price ids', 'Stripe customer and subscription ids',
  'amounts (invoices, usage)', 'dates and times', 'event ids, types and order', 'admin audit actions, actors, reasons and outcomes',
];

/**
 * Removes a closed account's personal data (names, emails, phone numbers, addresses: PERSONAL_KEYS in domain/privacy)
 * from its projection row, its billing events and its admin audit rows, and records tenant.erased.
 * Only a closed account can be erased (TENANT_NOT_CLOSED otherwise), so no running lifecycle can
 * write the data back. Idempotent: a repeat removes nothing and records no second event.
 */
export async function eraseTenant(deps: Pick<ServiceDeps, 'db' | 'log'>, tenantId: string, actor: string): Promise<ErasureReport> {
  const tenant = await findTenant(deps.db, tenantId);
  if (!tenant) throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);
  if (tenant.status !== 'closed') throw new TenureError('TENANT_NOT_CLOSED', `tenant ${tenantId} is ${tenant.status}: close it first (POST /admin/tenants/${tenantId}/close)`, { status: tenant.status });
  const auditId = await recordAdminAudit(deps.db, { adminId: actor, tenantId, action: 'erase', reason: null, details: {}, outcome: 'requested' });
  const counts = await eraseTenantRows(deps.db, tenantId, redactPersonalData);
  const now = Date.now();
  // One event per account: its id is fixed, so a repeat leaves the first one in place.
  const event = billingEvent(tenantId, 'tenant.erased', 'erase', now, { actor, projectionValuesRemoved: counts.projectionValues, auditValuesRemoved: counts.auditValues });
  await recordBillingEvents(deps.db, [event]);
  await settleAdminAudit(deps.db, auditId, 'applied', { projectionValues: counts.projectionValues, auditValues: counts.auditValues });
  deps.log.info({ tenantId, actor, ...counts }, 'tenant erased');
  return {
    tenantId,
    erasedAt: new Date(now).toISOString(),
    removed: { fields: counts.fields, projectionValues: counts.projectionValues, auditValues: counts.auditValues },
    kept: { fields: [...KEPT_FIELDS], billingEvents: counts.billingEvents, adminAuditRows: counts.adminAuditRows },
  };
}
