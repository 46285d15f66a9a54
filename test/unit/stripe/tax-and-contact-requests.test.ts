// Issue 17: the shapes of the Stripe requests for Stripe Tax (STRIPE_AUTOMATIC_TAX) and for the
// billing contact, checked on a recording stand-in for the Stripe client (the integration tests send
// the same requests to stripe-mock, which checks them against Stripe's OpenAPI spec).
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/config.js';
import { checkoutTaxParams } from '../../../services/billing/create-checkout.js';
import { customerParams } from '../../../services/billing/update-customer.js';
import { stripeChangePrice, stripeScheduleChange } from '../../../services/stripe/subscription-changes.js';
import { CONTACT } from '../lifecycle/harness.js';

type Call = { method: string; args: unknown[] };

/** A Stripe client that records calls and answers with just enough of a subscription or schedule. */
function recordingStripe(opts: { taxOn?: boolean } = {}) {
  const calls: Call[] = [];
  const record = (method: string, answer: unknown) => async (...args: unknown[]) => { calls.push({ method, args }); return answer; };
  const subscription = { id: 'sub_1', status: 'active', items: { data: [{ id: 'si_1', price: 'price_old' }] }, automatic_tax: { enabled: opts.taxOn ?? false }, pending_update: null };
  const schedule = { id: 'sub_sched_1', phases: [{ items: [{ price: 'price_old', quantity: 1 }], start_date: 1, end_date: 2 }] };
  const stripe = {
    subscriptions: { retrieve: record('subscriptions.retrieve', subscription), update: record('subscriptions.update', subscription) },
    subscriptionSchedules: { create: record('subscriptionSchedules.create', schedule), update: record('subscriptionSchedules.update', schedule) },
  } as unknown as Stripe;
  return { stripe, calls, log: { error: () => undefined } };
}
const change = { subscriptionId: 'sub_1', priceId: 'price_new', planId: 'growth', idempotencyKey: 'tenant:t1:changePlan:v3:abc' };
const updates = (calls: Call[]) => calls.filter((c) => c.method === 'subscriptions.update').map((c) => ({ params: c.args[1], options: c.args[2] }));

describe('STRIPE_AUTOMATIC_TAX', () => {
  it('is off by default, on only for exactly true, and refuses anything else', () => {
    expect(loadConfig({}).stripe.automaticTax).toBe(false);
    expect(loadConfig({ STRIPE_AUTOMATIC_TAX: 'true' }).stripe.automaticTax).toBe(true);
    expect(loadConfig({ STRIPE_AUTOMATIC_TAX: 'false' }).stripe.automaticTax).toBe(false);
    expect(() => loadConfig({ STRIPE_AUTOMATIC_TAX: 'yes' })).toThrow(/STRIPE_AUTOMATIC_TAX/);
  });

  it('at checkout: automatic tax, a required billing address, tax id collection and the customer updated from them', () => {
    expect(checkoutTaxParams(true)).toEqual({
      automatic_tax: { enabled: true }, billing_address_collection: 'required', tax_id_collection: { enabled: true }, customer_update: { address: 'auto', name: 'auto' },
    });
    expect(checkoutTaxParams(false)).toEqual({});
  });

  it('on an upgrade: turns automatic tax on first (its own key), then changes the price with pending_if_incomplete alone', async () => {
    const s = recordingStripe();
    await stripeChangePrice({ ...s, automaticTax: true }, change);
    const [tax, price] = updates(s.calls);
    expect(tax).toEqual({ params: { automatic_tax: { enabled: true } }, options: { idempotencyKey: `${change.idempotencyKey}:tax` } });
    expect(price).toEqual({ params: { items: [{ id: 'si_1', price: 'price_new' }], proration_behavior: 'always_invoice', payment_behavior: 'pending_if_incomplete' }, options: { idempotencyKey: change.idempotencyKey } });
  });

  it('on an upgrade of a subscription already taxed, or with the setting off: no tax call', async () => {
    for (const [taxOn, automaticTax] of [[true, true], [false, false]] as const) {
      const s = recordingStripe({ taxOn });
      await stripeChangePrice({ ...s, automaticTax }, change);
      expect(updates(s.calls).some((u) => JSON.stringify(u.params).includes('automatic_tax'))).toBe(false);
    }
  });

  it('on a scheduled downgrade: the next phase is taxed', async () => {
    const s = recordingStripe();
    await stripeScheduleChange({ ...s, automaticTax: true }, change);
    const phases = (s.calls.find((c) => c.method === 'subscriptionSchedules.update')!.args[1] as { phases: object[] }).phases;
    expect(phases[1]).toMatchObject({ items: [{ price: 'price_new', quantity: 1 }], automatic_tax: { enabled: true } });
    const off = recordingStripe();
    await stripeScheduleChange({ ...off, automaticTax: false }, change);
    expect(JSON.stringify(off.calls)).not.toContain('automatic_tax');
  });
});

describe('the Stripe customer of a billing contact', () => {
  it('carries name, email and the address in Stripe\'s fields', () => {
    expect(customerParams(CONTACT)).toEqual({
      name: 'Acme GmbH', email: 'billing@acme.test',
      address: { line1: 'Hauptstrasse 1', line2: '', city: 'Berlin', postal_code: '10115', state: '', country: 'DE' },
    });
  });

  it('clears the address when the contact has none', () => {
    expect(customerParams({ ...CONTACT, address: null }).address).toBe('');
  });
});
