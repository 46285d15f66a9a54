import { TenureError } from '../../domain/errors.js';
import type { BillingInterval } from '../../domain/plans/types.js';
import { callStripe } from '../stripe/call-stripe.js';
import { automaticTaxParams } from '../stripe/subscription-changes.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';

/** Shows what an upgrade would cost now, from Stripe's invoice preview with prorations. */
export async function previewUpgrade(deps: PlanChangeDeps, tenantId: string, planId: string, interval?: BillingInterval) {
  const { plan, state, priceId } = await planChangeTarget(deps, tenantId, planId, interval);
  if (plan.rank <= state.plan.rank) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} is not an upgrade from ${state.plan.id}`);
  const subscription = await callStripe(deps.log, 'read the subscription', () => deps.stripe.subscriptions.retrieve(state.subscription!.id));
  const item = subscription.items.data[0];
  if (!item) throw new TenureError('STRIPE_ERROR', 'the subscription has no items');
  const customer = state.stripe.customerId ?? (typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id);
  const preview = await callStripe(deps.log, 'preview the upgrade', () => deps.stripe.invoices.createPreview({
    customer,
    subscription: subscription.id,
    subscription_details: { items: [{ id: item.id, price: priceId }], proration_behavior: 'always_invoice', proration_date: Math.floor(Date.now() / 1000) },
    ...automaticTaxParams(deps.config.stripe.automaticTax),
  }));
  const lines = preview.lines.data.map((l) => ({ description: l.description ?? '', amount: l.amount, proration: Boolean(l.parent?.subscription_item_details?.proration ?? false) }));
  return {
    fromPlanId: state.plan.id, toPlanId: plan.id, currency: preview.currency, amountDue: preview.amount_due, total: preview.total,
    prorationAmount: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amount, 0), lines,
  };
}
