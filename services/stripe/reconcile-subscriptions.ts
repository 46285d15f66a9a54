import { setTimeout as sleep } from 'node:timers/promises';
import { countSubscribedTenants, listSubscribedTenantsAfter, type SubscribedTenant } from '../../db/queries/subscribed-tenants.js';
import { TenureError } from '../../domain/errors.js';
import type { SubscriptionState } from '../../domain/lifecycle/index.js';
import { normalizeStripeEvent } from '../../domain/stripe/normalize.js';
import { reconcileEvent, reconcileEventId, subscriptionDrift, type FieldDrift } from '../../domain/stripe/subscription-drift.js';
import { planRefsOf } from '../../domain/stripe/webhook-lookups.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { signalStripeEvent } from '../lifecycle/lifecycle-client.js';
import { findPlan } from '../webhooks/webhook-context.js';
import { callStripe } from './call-stripe.js';

// Drift repair (issue 17, item 5): webhooks can be missed (an outage longer than Stripe's 3 days of
// retries, a misconfigured endpoint). This compares each subscribed tenant's subscription with
// Stripe's current object and, where they differ, signals the lifecycle with the same normalized input
// the missed customer.subscription.updated / .deleted webhook would have given: the reducer decides.
// The schedule's workflow (workflows/stripe-reconcile.ts) and `tenure stripe reconcile` both call it.

export type ReconcileDeps = Pick<ServiceDeps, 'db' | 'stripe' | 'temporal' | 'config' | 'log'> & {
  /** Counts each difference fed to a lifecycle, by field (the worker's billing_stripe_reconcile_changes_total). */
  changes?: { inc(labels: { field: string }): void };
};

export interface ReconcileInput {
  /** The last tenant id of the previous page (null: from the start). */
  afterTenantId: string | null;
  /** Tenants per page (default 50). */
  limit?: number;
  /** Report the differences without signalling anything. */
  dryRun?: boolean;
}

export type DriftAction = 'signalled' | 'dry_run' | 'lifecycle_ended';
export interface SubscriptionDifference { tenantId: string; subscriptionId: string; eventId: string; fields: FieldDrift[]; action: DriftAction }
export interface ReconcileFailure { tenantId: string; subscriptionId: string; code: string; message: string }
export interface ReconcilePage { checked: number; differences: SubscriptionDifference[]; failures: ReconcileFailure[]; nextTenantId: string | null }

const DEFAULT_PAGE = 50;

/**
 * Reconciles one page of subscribed tenants, reading each subscription from Stripe at most
 * STRIPE_RECONCILE_RATE per second. A tenant whose read fails is reported and the page goes on; a
 * Stripe outage or rate limit (DEPENDENCY_UNAVAILABLE) stops the page, so the caller retries it.
 */
export async function reconcileSubscriptionsPage(deps: ReconcileDeps, input: ReconcileInput): Promise<ReconcilePage> {
  const limit = input.limit ?? DEFAULT_PAGE;
  const tenants = await listSubscribedTenantsAfter(deps.db, input.afterTenantId, limit);
  const intervalMs = 1000 / deps.config.stripe.reconcileRatePerSecond;
  const page: ReconcilePage = { checked: 0, differences: [], failures: [], nextTenantId: tenants.length === limit ? tenants.at(-1)!.tenantId : null };
  let last = 0;
  for (const tenant of tenants) {
    // Paced from the start of one read to the next, so a page never bursts above the rate.
    const wait = last + intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    last = Date.now();
    try {
      const difference = await reconcileTenant(deps, tenant, input.dryRun === true);
      page.checked++;
      if (difference) page.differences.push(difference);
    } catch (err) {
      if (err instanceof TenureError && err.code === 'DEPENDENCY_UNAVAILABLE') throw err;
      const code = err instanceof TenureError ? err.code : 'INTERNAL';
      deps.log.error({ err, tenantId: tenant.tenantId, subscriptionId: tenant.stripeSubscriptionId }, 'stripe reconcile: could not check the subscription');
      page.failures.push({ tenantId: tenant.tenantId, subscriptionId: tenant.stripeSubscriptionId, code, message: (err as Error).message.slice(0, 300) });
    }
  }
  return page;
}

async function reconcileTenant(deps: ReconcileDeps, tenant: SubscribedTenant, dryRun: boolean): Promise<SubscriptionDifference | null> {
  const subscriptionId = tenant.stripeSubscriptionId;
  const object = (await callStripe(deps.log, 'read the subscription to reconcile', () => deps.stripe.subscriptions.retrieve(subscriptionId))) as unknown as Record<string, unknown> & { id: string };
  const now = Date.now();
  const probe = reconcileEvent(object, now, 'reconcile_probe');
  const refs = planRefsOf(probe, null);
  const normalized = normalizeStripeEvent(probe, refs ? await findPlan(deps, refs) : { plan: null });
  if (!normalized?.subscription) throw new TenureError('INTERNAL', `subscription ${subscriptionId} did not normalize`);
  const held = (tenant.state.subscription ?? null) as SubscriptionState | null;
  const fields = subscriptionDrift(held, normalized.subscription);
  if (fields.length === 0) return null;
  const eventId = reconcileEventId(subscriptionId, fields);
  for (const f of fields) deps.log.warn({ tenantId: tenant.tenantId, subscriptionId, field: f.field, tenure: f.tenure, stripe: f.stripe, eventId, dryRun }, 'stripe reconcile: subscription differs from Stripe');
  if (dryRun) return { tenantId: tenant.tenantId, subscriptionId, eventId, fields, action: 'dry_run' };
  const args = await lifecycleArgs(deps, tenant.tenantId, tenant.name, tenant.email);
  const delivered = await signalStripeEvent(deps, args, { ...normalized, id: eventId });
  if (delivered === 'signalled') for (const f of fields) deps.changes?.inc({ field: f.field });
  return { tenantId: tenant.tenantId, subscriptionId, eventId, fields, action: delivered === 'signalled' ? 'signalled' : 'lifecycle_ended' };
}

/** How many tenants a full run checks (for progress output). */
export function countTenantsToReconcile(deps: Pick<ServiceDeps, 'db'>): Promise<number> {
  return countSubscribedTenants(deps.db);
}
