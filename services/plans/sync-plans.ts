import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { applyPlanSync, findAllPlans } from '../../db/queries/plan-catalog.js';
import { decideUnlisted, reconcileStripeCatalog } from '../../domain/plans/stripe-reconcile.js';
import type { PlanSyncSummary } from '../../workflows/activity-contract.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import { invalidatePlanCatalog } from './plan-catalog.js';
import { stripeCatalogSource, type StripeCatalogSource } from './stripe-catalog.js';

// The plan sync use case: Stripe Products and Prices -> the plans table. POST /admin/plans/sync and
// the daily syncPlanCatalog workflow (through the syncPlansFromStripe activity) both run it.

export interface PlanSyncDeps { db: Db; redis: Redis; stripe: Stripe; log: Pick<Logger, 'info' | 'error'>; features: CatalogReader }


/** Syncs the catalog from Stripe: creates and updates plans from active products, deactivates plans whose product was deleted or archived. */
export async function syncPlansFromStripe(deps: PlanSyncDeps, source: StripeCatalogSource = stripeCatalogSource(deps.stripe, deps.log)): Promise<PlanSyncSummary> {
  const fetched = await source.activeProducts();
  const plan = reconcileStripeCatalog(await findAllPlans(deps.db), fetched, await deps.features.list());
  const skipped = [...plan.skipped];
  const deactivated: string[] = [];
  for (const unlisted of plan.unlisted) {
    const decision = decideUnlisted(unlisted, await source.productState(unlisted.stripeProductId!));
    if (decision.deactivate) deactivated.push(unlisted.id);
    else skipped.push({ productId: unlisted.stripeProductId!, reason: decision.reason });
  }
  await applyPlanSync(deps.db, plan.writes.map((w) => w.plan), deactivated);
  await invalidatePlanCatalog(deps.redis);
  const summary: PlanSyncSummary = {
    created: plan.writes.filter((w) => w.change === 'created').map((w) => w.plan.id),
    updated: plan.writes.filter((w) => w.change === 'updated').map((w) => w.plan.id),
    unchanged: plan.unchanged, deactivated, skipped,
  };
  deps.log.info({ products: fetched.length, created: summary.created.length, updated: summary.updated.length, deactivated: deactivated.length, skipped: skipped.length }, 'plan catalog synced from Stripe');
  return summary;
}
