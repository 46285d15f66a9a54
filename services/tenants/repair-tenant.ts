import { TenureError } from '../../domain/errors.js';
import { repairUpdate, type Attention } from '../../workflows/messages.js';
import type { ServiceDeps } from '../deps.js';
import { maintainLifecycle } from '../lifecycle/lifecycle-client.js';

export interface RepairOutcome { tenantId: string; repaired: boolean; attention: Attention | null }

/**
 * Runs the commands a permanent failure held back again (once the cause is fixed), in order.
 * `repaired` is true when nothing waits any more (NeedsAttention is then cleared); a tenant that
 * needed nothing is repaired too. TENANT_NOT_FOUND when it has no running lifecycle.
 */
export async function repairTenant(deps: Pick<ServiceDeps, 'temporal'>, tenantId: string): Promise<RepairOutcome> {
  const health = await maintainLifecycle(deps.temporal, tenantId, repairUpdate);
  if (!health) throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} has no running billing lifecycle`);
  return { tenantId, repaired: health.attention === null, attention: health.attention };
}
