import { TenureError } from '../../domain/errors.js';
import { hasLiveSubscription } from '../../domain/lifecycle/index.js';
import { closed } from '../../domain/lifecycle/validate-admin.js';
import type { ServiceDeps } from '../deps.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { findPlanForTenant } from '../plans/plan-catalog.js';
import type { BillingInterval } from '../../domain/plans/types.js';
import type Stripe from 'stripe';
import { callStripe } from '../stripe/call-stripe.js';
import { automaticTaxParams } from '../stripe/subscription-changes.js';
import { ensureCustomer } from './ensure-customer.js';
import { refuseManualInvoicing, requirePriceFor } from './interval-price.js';
import { openCheckoutSession } from './open-checkout-session.js';
import { resolvePromotionCode, validateCoupon } from './validate-coupon.js';

/**
 * `promotionCode` is a Stripe promotion code as the customer types it; tenants never send raw coupon ids.
 * `interval` picks the plan's monthly (default) or annual Stripe price.
 */
export interface CheckoutInput { planId: string; successUrl: string; cancelUrl: string; promotionCode?: string; interval?: BillingInterval }
export type CheckoutDeps = Pick<ServiceDeps, 'db' | 'redis' | 'temporal' | 'config' | 'stripe' | 'log' | 'metrics'>;

/** Creates a Stripe Checkout session for a paid plan; metadata carries tenantId, planId and the user. */
export async function createCheckout(deps: CheckoutDeps, tenantId: string, userId: string, input: CheckoutInput): Promise<{ url: string; sessionId: string }> {
  const started = performance.now();
  const plan = await findPlanForTenant(deps, input.planId, tenantId);
  if (!plan) throw new TenureError('PLAN_NOT_FOUND', `plan ${input.planId} not found`);
  refuseManualInvoicing(plan);
  if (!plan.stripePriceId || plan.priceMonthlyCents === 0) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} cannot be bought through checkout`);
  const interval = input.interval ?? 'month';
  const price = requirePriceFor(plan, interval);
  const state = await requireLifecycleState(deps, tenantId);
  // A closed account (or one closing at period end) buys nothing: its webhooks would be ignored.
  if (state.status === 'closed' || state.closure !== null) throw closed(state);
  if (hasLiveSubscription(state)) throw new TenureError('CONFLICT', 'the tenant already has a subscription: use upgrade or downgrade');
  const customer = await ensureCustomer(deps, tenantId, state.email, state.name);
  const discount = await checkoutDiscount(deps, input, state.discount?.couponId, { customerId: customer, amountCents: interval === 'year' ? plan.priceAnnualCents ?? plan.priceMonthlyCents : plan.priceMonthlyCents, currency: plan.currency, nowMs: Date.now() });
  const metadata = { tenantId, planId: plan.id, userId };
  const fingerprint = JSON.stringify([plan.id, price, discount, input.successUrl, input.cancelUrl]);
  const session = await openCheckoutSession(deps, tenantId, fingerprint, (expiresAtS) => callStripe(deps.log, 'create the checkout session', () => deps.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: tenantId,
    line_items: [{ price, quantity: 1 }],
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    expires_at: expiresAtS,
    metadata,
    subscription_data: { metadata },
    ...(discount ? { discounts: [discount] } : { allow_promotion_codes: true }),
    ...checkoutTaxParams(deps.config.stripe.automaticTax),
  })));
  deps.metrics.checkoutDuration.observe(performance.now() - started);
  return session;
}

/**
 * Stripe Tax at checkout (STRIPE_AUTOMATIC_TAX): the customer must give a billing address and may give
 * a tax id, and Stripe stores both on the existing customer (customer_update), as Stripe requires for
 * automatic tax with a customer that is passed in. Nothing when it is off.
 */
export function checkoutTaxParams(on: boolean): Pick<Stripe.Checkout.SessionCreateParams, 'automatic_tax' | 'billing_address_collection' | 'tax_id_collection' | 'customer_update'> {
  if (!on) return {};
  return { ...automaticTaxParams(true), billing_address_collection: 'required', tax_id_collection: { enabled: true }, customer_update: { address: 'auto', name: 'auto' } };
}

// The tenant's promotion code if it typed one; otherwise a coupon an admin granted before the tenant
// subscribed (it applies to the first checkout); otherwise none, and Stripe's page takes codes itself.
async function checkoutDiscount(deps: CheckoutDeps, input: CheckoutInput, adminCoupon: string | undefined, ctx: Parameters<typeof resolvePromotionCode>[2]) {
  if (input.promotionCode) return { promotion_code: await resolvePromotionCode(deps, input.promotionCode, ctx) };
  if (adminCoupon) {
    await validateCoupon(deps, adminCoupon);
    return { coupon: adminCoupon };
  }
  return null;
}
