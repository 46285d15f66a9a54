import { findTenant } from '../../db/queries/tenants.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { queryLifecycleState } from '../lifecycle/lifecycle-client.js';

/** The projection plus the live workflow state of one tenant. */
export async function showTenant(deps: Pick<ServiceDeps, 'db' | 'temporal' | 'config'>, tenantId: string) {
  const [projection, workflow] = await Promise.all([findTenant(deps.db, tenantId), queryLifecycleState(deps, tenantId)]);
  if (!projection && !workflow) throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);
  return { projection, workflow };
}
