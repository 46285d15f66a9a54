import { TenureError } from '../../domain/errors.js';
import { hasLiveSubscription, type TenantState } from '../../domain/lifecycle/index.js';
import { toPlanSnapshot, type Plan } from '../../domain/plans/types.js';
import { GAUGE_METRICS } from '../../domain/usage/metrics.js';
import { findPlanForTenant } from '../plans/plan-catalog.js';
import { readCounters } from '../usage/read-usage.js';
import type { AppDeps } from '../../api/deps.js';
import { requireLifecycleState, runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { changePlanUpdate } from '../../workflows/messages.js';

/** The plan the tenant asks for, and its current lifecycle, refusing tenants without a live subscription. */
async function planAndState(deps: AppDeps, tenantId: string, planId: string): Promise<{ plan: Plan; state: TenantState }> {
  const plan = await findPlanForTenant(deps, planId, tenantId);
  if (!plan) throw new TenureError('PLAN_NOT_FOUND', `plan ${planId} not found`);
  const state = await requireLifecycleState(deps.temporal, tenantId);
  if (!hasLiveSubscription(state)) {
    throw new TenureError('NO_SUBSCRIPTION', 'the tenant has no paid subscription: start one through checkout');
  }
  if (!plan.stripePriceId) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} has no Stripe price and cannot be subscribed to online`);
  return { plan, state };
}

/** Shows what an upgrade would cost now, from Stripe's invoice preview with prorations. */
export async function previewUpgrade(deps: AppDeps, tenantId: string, planId: string) {
  const { plan, state } = await planAndState(deps, tenantId, planId);
  if (plan.rank <= state.plan.rank) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} is not an upgrade from ${state.plan.id}`);
  const subscription = await deps.stripe.subscriptions.retrieve(state.subscription!.id);
  const item = subscription.items.data[0];
  if (!item) throw new TenureError('STRIPE_ERROR', 'the subscription has no items');
  const customer = state.stripe.customerId ?? (typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id);
  const preview = await deps.stripe.invoices.createPreview({
    customer,
    subscription: subscription.id,
    subscription_details: { items: [{ id: item.id, price: plan.stripePriceId! }], proration_behavior: 'always_invoice', proration_date: Math.floor(Date.now() / 1000) },
  });
  const lines = preview.lines.data.map((l) => ({ description: l.description ?? '', amount: l.amount, proration: Boolean(l.parent?.subscription_item_details?.proration ?? false) }));
  return {
    fromPlanId: state.plan.id, toPlanId: plan.id, currency: preview.currency, amountDue: preview.amount_due, total: preview.total,
    prorationAmount: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amount, 0), lines,
  };
}

/** Upgrade now, with proration, through the workflow (which calls Stripe with its idempotency key). */
export async function upgrade(deps: AppDeps, tenantId: string, planId: string): Promise<TenantState> {
  const { plan } = await planAndState(deps, tenantId, planId);
  return runLifecycleUpdate(deps.temporal, tenantId, changePlanUpdate, [{ plan: toPlanSnapshot(plan), direction: 'upgrade', gaugeUsage: {} }]);
}

/** Downgrade at period end; the workflow refuses it while gauge usage exceeds the target's limits. */
export async function scheduleDowngrade(deps: AppDeps, tenantId: string, planId: string): Promise<TenantState> {
  const { plan, state } = await planAndState(deps, tenantId, planId);
  const counters = await readCounters(deps.redis, tenantId, state.usagePeriod.start);
  const gaugeUsage = Object.fromEntries(GAUGE_METRICS.map((m) => [m, counters[m] ?? 0]));
  return runLifecycleUpdate(deps.temporal, tenantId, changePlanUpdate, [{ plan: toPlanSnapshot(plan), direction: 'downgrade', gaugeUsage }]);
}
