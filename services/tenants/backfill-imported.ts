import { findActivePlan } from '../../db/queries/plans.js';
import { findCustomerId, findTenantByCustomer, saveCustomerId } from '../../db/queries/stripe-customers.js';
import type { BackfillRow, ParsedRow } from '../../domain/backfill/backfill-rows.js';
import { TenureError } from '../../domain/errors.js';
import type { ImportedTenant } from '../../domain/lifecycle/index.js';
import { isPlanVisibleTo } from '../../domain/plans/rules.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { readSubscriptionEvent, type SubscriptionEvent } from '../stripe/read-subscription.js';
import { inBatches, startIfAbsent, type BackfillDeps, type BackfillOptions, type BackfillOutcome } from './backfill-lifecycles.js';

// `tenure backfill <file>`: starts each tenant of the file in the state the other system has it in
// (its plan, its trial, its Stripe subscription), not a fresh trial. The reducer builds the state
// (domain/lifecycle/imported-state.ts); this use case checks the row against the catalog and Stripe,
// reads the subscription, links the Stripe customer, and starts the lifecycle. Idempotent and
// resumable: a tenant whose lifecycle exists is reported as running (nothing is read or written).

export type BackfillImportDeps = BackfillDeps & Pick<ServiceDeps, 'stripe' | 'log'>;

const refuse = (message: string) => new TenureError('VALIDATION_FAILED', message);

async function planOf(deps: BackfillImportDeps, row: BackfillRow) {
  const plan = await findActivePlan(deps.db, row.planId);
  if (!plan || !isPlanVisibleTo(plan, row.tenantId)) throw refuse(`unknown planId '${row.planId}' (no active plan of that id for this tenant)`);
  return toPlanSnapshot(plan);
}

/** The subscription as Stripe holds it now; it must be on the row's plan and of the row's customer. */
async function subscriptionOf(deps: BackfillImportDeps, row: BackfillRow, subscriptionId: string): Promise<SubscriptionEvent> {
  const event = await readSubscriptionEvent(deps, subscriptionId, {
    what: 'read the subscription to backfill', eventId: `backfill:${subscriptionId}`, fallbackPlanId: row.planId,
    missing: () => refuse(`Stripe has no subscription ${subscriptionId}`),
  });
  const planId = event.subscription.plan?.id ?? null;
  if (planId !== row.planId) throw refuse(`planId is '${row.planId}' but Stripe's subscription ${subscriptionId} is on ${planId === null ? 'a plan not in the catalog' : `plan '${planId}'`}`);
  if (row.stripeCustomerId !== null && event.customerId !== row.stripeCustomerId) throw refuse(`subscription ${subscriptionId} belongs to Stripe customer ${event.customerId}, not ${row.stripeCustomerId}`);
  return event;
}

/** The customer must not be linked to another tenant, nor the tenant to another customer. */
async function checkCustomerLink(deps: BackfillImportDeps, tenantId: string, customerId: string): Promise<void> {
  const owner = await findTenantByCustomer(deps.db, customerId);
  if (owner !== null && owner !== tenantId) throw refuse(`Stripe customer ${customerId} is already linked to tenant ${owner}`);
  const linked = await findCustomerId(deps.db, tenantId);
  if (linked !== null && linked !== customerId) throw refuse(`tenant ${tenantId} is already linked to Stripe customer ${linked}`);
}

async function importedOf(deps: BackfillImportDeps, row: BackfillRow, dryRun: boolean): Promise<ImportedTenant> {
  const plan = await planOf(deps, row);
  const subscriptionEvent = row.stripeSubscriptionId === null ? null : await subscriptionOf(deps, row, row.stripeSubscriptionId);
  const stripeCustomerId = row.stripeCustomerId ?? subscriptionEvent?.customerId ?? null;
  if (stripeCustomerId !== null) {
    await checkCustomerLink(deps, row.tenantId, stripeCustomerId);
    // Webhooks (invoices, a later subscription) resolve the tenant by this link.
    if (!dryRun) await saveCustomerId(deps.db, row.tenantId, stripeCustomerId);
  }
  return { plan, createdAt: row.createdAt, trialEndsAt: row.trialEndsAt, stripeCustomerId, subscriptionEvent };
}

async function backfillRow(deps: BackfillImportDeps, parsed: ParsedRow, opts: BackfillOptions): Promise<BackfillOutcome> {
  if (!parsed.ok) return { ref: parsed.ref, tenantId: parsed.tenantId, result: 'invalid', detail: parsed.reason };
  const { row } = parsed;
  const outcome = await startIfAbsent(deps, row.tenantId, opts, async (dryRun) => {
    const imported = await importedOf(deps, row, dryRun);
    return { args: { ...(await lifecycleArgs(deps, row.tenantId, row.name, row.email)), imported }, name: row.name, email: row.email };
  });
  return { ref: parsed.ref, ...outcome };
}

async function* pages<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Starts the file's tenants, `batch` rows at a time, in file order; each row's outcome says what happened. */
export function backfillImported(deps: BackfillImportDeps, rows: ParsedRow[], opts: BackfillOptions): Promise<BackfillOutcome[]> {
  return inBatches(pages(rows, opts.batch), opts, (row) => backfillRow(deps, row, opts));
}
