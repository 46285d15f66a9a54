import type { TenantRow } from '../../db/queries/tenants.js';
import { duplicateCancelledEvent } from '../../domain/stripe/duplicate-subscription.js';
import type { ServiceDeps } from '../deps.js';
import { publishEvents } from '../events/publish-events.js';
import { callStripe } from '../stripe/call-stripe.js';

/** Cancels a duplicate subscription now (idempotent per subscription) and reports it; see domain/stripe/duplicate-subscription.ts. */
export async function cancelDuplicateSubscription(deps: Pick<ServiceDeps, 'db' | 'stripe' | 'log'> & { metrics?: ServiceDeps['metrics'] }, tenant: TenantRow, duplicateId: string, planId: string | null): Promise<void> {
  await callStripe(deps.log, 'cancel the duplicate subscription', () => deps.stripe.subscriptions.cancel(duplicateId, {}, { idempotencyKey: `tenure:duplicate-subscription:${duplicateId}` }));
  const kept = tenant.stripeSubscriptionId!;
  await publishEvents(deps)([duplicateCancelledEvent(tenant.tenantId, duplicateId, kept, planId, Date.now())]);
  deps.metrics?.duplicateSubscriptionsCancelled.inc();
  deps.log.warn({ tenantId: tenant.tenantId, duplicateId, keptSubscriptionId: kept }, 'a second subscription appeared for the tenant; it was cancelled');
}
