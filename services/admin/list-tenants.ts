import { listAdminAudit } from '../../db/queries/admins.js';
import { listTenants as listTenantRows } from '../../db/queries/tenant-list.js';
import type { ServiceDeps } from '../deps.js';

type ListFilter = Parameters<typeof listTenantRows>[1];

/** One page of tenants from the projection, filtered by status, payment status or plan. */
export function listTenants(deps: Pick<ServiceDeps, 'db'>, filter: ListFilter) {
  return listTenantRows(deps.db, filter);
}

/** The latest admin actions on one tenant, newest first (applied and refused). */
export function tenantAudit(deps: Pick<ServiceDeps, 'db'>, tenantId: string, limit = 20) {
  return listAdminAudit(deps.db, { tenantId }, limit);
}
