import { TenureError } from '../../domain/errors.js';
import type { TenantState } from '../../domain/lifecycle/index.js';
import { callStripe } from '../stripe/call-stripe.js';
import { automaticTaxParams } from '../stripe/subscription-changes.js';
import type { PlanChangeDeps } from './plan-change-target.js';

export interface ProrationPreview {
  currency: string;
  amountDue: number;
  total: number;
  prorationAmount: number;
  lines: { description: string; amount: number; proration: boolean }[];
}

/** What moving the tenant's live subscription to `priceId` now would cost, from Stripe's invoice preview with prorations. */
export async function previewProration(deps: Pick<PlanChangeDeps, 'stripe' | 'log' | 'config'>, state: TenantState, priceId: string): Promise<ProrationPreview> {
  const subscription = await callStripe(deps.log, 'read the subscription', () => deps.stripe.subscriptions.retrieve(state.subscription!.id));
  const item = subscription.items.data[0];
  if (!item) throw new TenureError('STRIPE_ERROR', 'the subscription has no items');
  const customer = state.stripe.customerId ?? (typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id);
  const preview = await callStripe(deps.log, 'preview the price change', () => deps.stripe.invoices.createPreview({
    customer,
    subscription: subscription.id,
    subscription_details: { items: [{ id: item.id, price: priceId }], proration_behavior: 'always_invoice', proration_date: Math.floor(Date.now() / 1000) },
    ...automaticTaxParams(deps.config.stripe.automaticTax),
  }));
  const lines = preview.lines.data.map((l) => ({ description: l.description ?? '', amount: l.amount, proration: Boolean(l.parent?.subscription_item_details?.proration ?? false) }));
  return { currency: preview.currency, amountDue: preview.amount_due, total: preview.total, prorationAmount: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amount, 0), lines };
}
