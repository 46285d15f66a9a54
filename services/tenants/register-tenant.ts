import { findTenant, type TenantRow } from '../../db/queries/tenants.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { startLifecycle } from '../lifecycle/lifecycle-client.js';
import { toTenantRow } from './persist-projection.js';
import { findOrReprojectTenant } from './reproject-tenant.js';

export interface RegisterTenantInput { tenantId: string; name?: string | null; email?: string | null }

/**
 * Registers a tenant: starts its lifecycle once; a repeat returns the existing tenant unchanged (a
 * closed one is refused with TENANT_CLOSED). A
 * running lifecycle whose projection row was lost writes it again, and its state answers meanwhile.
 */
export async function registerTenant(deps: Pick<ServiceDeps, 'db' | 'config' | 'temporal' | 'metrics' | 'log'>, input: RegisterTenantInput): Promise<{ tenant: TenantRow; created: boolean }> {
  const existing = await findOrReprojectTenant(deps, input.tenantId);
  // A closed account's lifecycle has ended: registering again must not start a fresh trial under its id.
  if (existing?.status === 'closed') throw new TenureError('TENANT_CLOSED', `tenant ${input.tenantId} is closed; its id cannot be registered again`, { tenantId: input.tenantId });
  if (existing) return { tenant: existing, created: false };
  const args = await lifecycleArgs(deps, input.tenantId, input.name ?? null, input.email ?? null);
  const state = await startLifecycle(deps, args, { name: args.name, email: args.email });
  // The first projection write may have failed for good (the tenant is then marked NeedsAttention).
  const tenant = (await findTenant(deps.db, input.tenantId)) ?? toTenantRow(state);
  deps.metrics.tenantsRegistered.inc();
  return { tenant, created: true };
}
