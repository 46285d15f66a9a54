import { invalidatePlanCatalog } from './plan-catalog.js';
import { lockFeatures } from '../../db/queries/features.js';
import { findPlanRecord, insertPlan, listPlanRecords, updatePlanRecord, type ListPlansQuery, type PlanRecord } from '../../db/queries/plan-catalog.js';
import { TenureError } from '../../domain/errors.js';
import { planInvariantViolation } from '../../domain/plans/rules.js';
import { validateEntitlements, type Entitlements } from '../../domain/entitlements/entitlements.js';
import { entitlementsFromLimits, type LegacyLimits } from '../../domain/entitlements/legacy.js';
import { DEFAULT_DAYS_UNTIL_DUE, type Plan } from '../../domain/plans/types.js';
import { changesVersion, versionOf } from '../../domain/plans/versions.js';
import { archivePlanVersion, lockPlanRow } from '../../db/queries/plan-versions.js';
import type { ServiceDeps } from '../deps.js';

// The admin use cases of the plan catalog. Each write invalidates the Redis catalog after commit.

/** `limits` (deprecated, one release) is read as `{limit}` entitlements; a body gives it or `entitlements`, not both. */
interface LegacyLimitsInput { limits?: LegacyLimits }
export type CreatePlanInput = Pick<Plan, 'id' | 'name' | 'rank' | 'priceMonthlyCents'> & Partial<Omit<Plan, 'id' | 'name' | 'rank' | 'priceMonthlyCents'>> & LegacyLimitsInput;
export type UpdatePlanInput = Partial<Omit<Plan, 'id'>> & LegacyLimitsInput;

type CatalogDeps = Pick<ServiceDeps, 'db' | 'redis'>;

/** The input with `limits` read as entitlements. */
function withEntitlements<T extends LegacyLimitsInput & { entitlements?: Entitlements }>(input: T): Omit<T, 'limits'> {
  const { limits, ...rest } = input;
  if (limits === undefined) return rest;
  if (rest.entitlements !== undefined) throw new TenureError('VALIDATION_FAILED', 'give entitlements or the deprecated limits, not both', { field: 'limits' });
  return { ...rest, entitlements: entitlementsFromLimits(limits) };
}

type Tx = Parameters<Parameters<CatalogDeps['db']['transaction']>[0]>[0];

/**
 * Checks the plan and writes it in one transaction that holds the features it names (FOR SHARE), so a
 * feature cannot be deleted between the check and the write (the delete locks it FOR UPDATE).
 */
async function writeSound<T>(deps: CatalogDeps, plan: Plan, write: (tx: Tx) => Promise<T>): Promise<T> {
  const violation = planInvariantViolation(plan);
  if (violation) throw new TenureError(violation.code, violation.message, { planId: plan.id });
  return deps.db.transaction(async (tx) => {
    const invalid = validateEntitlements(plan.entitlements, await lockFeatures(tx, Object.keys(plan.entitlements ?? {})));
    if (invalid) throw new TenureError(invalid.code, invalid.message, { planId: plan.id, ...invalid.details });
    return write(tx);
  });
}

const notFound = (id: string) => new TenureError('PLAN_NOT_FOUND', `no plan '${id}'`, { planId: id });

/** Creates a public or enterprise plan; a taken id (even of a deleted plan) is a CONFLICT. */
export async function createPlan(deps: CatalogDeps, input: CreatePlanInput): Promise<PlanRecord> {
  const plan: Plan = {
    description: '', currency: 'usd', priceAnnualCents: null, features: [], tenantId: null, manualInvoicing: false, daysUntilDue: DEFAULT_DAYS_UNTIL_DUE,
    stripeProductId: null, stripePriceId: null, stripeAnnualPriceId: null, isActive: true, entitlements: {}, ...withEntitlements(input),
  };
  const created = await writeSound(deps, plan, (tx) => insertPlan(tx, plan));
  if (!created) throw new TenureError('CONFLICT', `plan '${plan.id}' already exists (a deleted plan is restored with PUT {"isActive": true})`, { planId: plan.id });
  await invalidatePlanCatalog(deps.redis);
  return created;
}

/**
 * Changes the given fields of a plan (deleted ones too, so `isActive: true` restores a plan). A change
 * to its prices or entitlements makes version N+1 and archives version N (tenants on it keep it until
 * a migration moves them); a change to its name, description or other fields keeps the version.
 */
export async function updatePlan(deps: CatalogDeps, id: string, input: UpdatePlanInput): Promise<PlanRecord> {
  const current = await findPlanRecord(deps.db, id);
  if (!current) throw notFound(id);
  const { createdAt: _c, updatedAt: _u, ...plan } = current;
  const { version: _v, ...fields } = withEntitlements(input);
  const next: Plan = { ...plan, ...fields, id };
  const updated = await writeSound(deps, next, (tx) => writeVersioned(tx, next));
  if (!updated) throw notFound(id);
  await invalidatePlanCatalog(deps.redis);
  return updated;
}

/** Writes the plan, as a new version when its terms changed against the row it locks. */
async function writeVersioned(tx: Tx, next: Plan): Promise<PlanRecord | null> {
  const locked = await lockPlanRow(tx, next.id);
  if (!locked) return null;
  const version = versionOf(locked);
  if (!changesVersion(locked, next)) return updatePlanRecord(tx, { ...next, version });
  await archivePlanVersion(tx, { ...locked, version });
  return updatePlanRecord(tx, { ...next, version: version + 1 });
}

/** Soft-deletes a plan: it leaves GET /plans and checkout, stays readable to admins, and can be restored. Repeating is harmless. */
export async function deactivatePlan(deps: CatalogDeps, id: string): Promise<void> {
  const current = await findPlanRecord(deps.db, id);
  if (!current) throw notFound(id);
  if (!current.isActive) return;
  await updatePlan(deps, id, { isActive: false });
}

/** One page of the catalog for admins. */
export async function listPlans(deps: CatalogDeps, query: ListPlansQuery): Promise<{ plans: PlanRecord[]; total: number }> {
  return listPlanRecords(deps.db, query);
}
