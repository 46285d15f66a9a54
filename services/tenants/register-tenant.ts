import { TenureError } from '../../domain/errors.js';
import { findTenant, type TenantRow } from '../../db/queries/tenants.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { startLifecycle } from '../lifecycle/lifecycle-client.js';

export interface RegisterTenantInput { tenantId: string; name?: string | null; email?: string | null }

/** Registers a tenant: starts its lifecycle once; a repeat returns the existing tenant unchanged. */
export async function registerTenant(deps: Pick<ServiceDeps, 'db' | 'config' | 'temporal' | 'metrics'>, input: RegisterTenantInput): Promise<{ tenant: TenantRow; created: boolean }> {
  const existing = await findTenant(deps.db, input.tenantId);
  if (existing) return { tenant: existing, created: false };
  const args = await lifecycleArgs(deps, input.tenantId, input.name ?? null, input.email ?? null);
  await startLifecycle(deps, args, { name: args.name, email: args.email });
  const tenant = await findTenant(deps.db, input.tenantId);
  if (!tenant) throw new TenureError('INTERNAL', `tenant ${input.tenantId} registered but its projection is missing`);
  deps.metrics.tenantsRegistered.inc();
  return { tenant, created: true };
}
