import type Stripe from 'stripe';
import { createStripe } from '../../config/clients.js';
import { localstripeBase, testConfig } from './config.js';
import { startTestStack, type TestStack } from './stack.js';

// localstripe holds what a test puts there (customers, cards, subscriptions and their invoices,
// products and prices) and answers from it, where stripe-mock answers fixtures. One account is
// shared by every test file, so a test reaches only the objects it created (by id or customer).

type StackOptions = NonNullable<Parameters<typeof startTestStack>[0]>;

/** A test stack whose Stripe client talks to localstripe. */
export const startLocalstripeStack = (opts: StackOptions = {}): Promise<TestStack> =>
  startTestStack({ ...opts, env: { ...opts.env, STRIPE_API_BASE: localstripeBase() } });

/** A Stripe client of the test's own on localstripe, to set up the account as Stripe would hold it. */
export const localstripeClient = (): Stripe => createStripe(testConfig({ STRIPE_API_BASE: localstripeBase() }));

/** A product with one monthly price, for a subscription to stand on (no plan metadata: plan sync skips it). */
export async function monthlyPrice(stripe: Stripe, name: string, cents: number): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name });
  return stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: cents, recurring: { interval: 'month' } });
}

/**
 * A paid subscription for the customer, as Stripe holds one after checkout: localstripe charges the
 * customer's card and keeps the first invoice (paid) under that customer. localstripe predates
 * subscription items by price, so the item names the price by its legacy Plan face (the same id).
 */
export async function paidSubscription(stripe: Stripe, customer: string, price: Stripe.Price, metadata?: Record<string, string>): Promise<Stripe.Subscription> {
  await stripe.paymentMethods.attach('pm_card_visa', { customer }).then((pm) => stripe.customers.update(customer, { invoice_settings: { default_payment_method: pm.id } }));
  return stripe.subscriptions.create({ customer, items: [{ plan: price.id } as Stripe.SubscriptionCreateParams.Item], ...(metadata ? { metadata } : {}) });
}
