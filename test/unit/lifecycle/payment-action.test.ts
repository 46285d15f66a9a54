// Issue 17, item 3: invoice.payment_action_required (3-D Secure). The invoice is unpaid, so the dunning
// ladder starts from it as from a failure; the hosted invoice page stays in the state (paymentActionUrl)
// until the invoice is paid, in whatever order and however often Stripe delivers the events.
import { describe, expect, it } from 'vitest';
import { nextDeadline, reduce, type NormalizedStripeEvent, type TenantState } from '../../../domain/lifecycle/index.js';
import { paymentActionUrl } from '../../../domain/lifecycle/payment-action.js';
import { normalizeStripeEvent } from '../../../domain/stripe/normalize.js';
import { prng } from '../../support/prng.js';
import { DAY, FIXTURES, HOUR, apply, eventTypes, hostedInvoiceUrlOf, invoiceEvent, stripe, tick } from './harness.js';

const paid = FIXTURES['active-paid']!();
const at = (hours: number): number => paid.now + hours * HOUR;
const action = (id: string, hours: number, invoice = 'in_3', subscription: string | null = 'sub_1') => invoiceEvent('invoice.payment_action_required', id, at(hours), invoice, subscription);
const settled = (id: string, hours: number, invoice = 'in_3', subscription: string | null = 'sub_1') => invoiceEvent('invoice.paid', id, at(hours), invoice, subscription);
const deliver = (events: NormalizedStripeEvent[], from: TenantState = paid.state): TenantState =>
  events.reduce((s, e) => reduce(s, stripe(e), at(30)).state, from);

describe('invoice.payment_action_required', () => {
  it('publishes payment.action_required with the hosted invoice page and starts the ladder', () => {
    const { state, commands } = reduce(paid.state, stripe(action('evt_a', 1)), at(1));
    expect(eventTypes(commands)).toEqual(['payment.action_required', 'tenant.payment_status.changed']);
    const published = commands.find((c) => c.type === 'publishEvent' && c.event.type === 'payment.action_required');
    expect(published).toMatchObject({ event: { id: 't1:payment.action_required:evt_a', data: { invoiceId: 'in_3', subscriptionId: 'sub_1', amountDue: 9_900, hostedInvoiceUrl: hostedInvoiceUrlOf('in_3') } } });
    expect(commands.find((c) => c.type === 'publishEvent' && c.event.type === 'tenant.payment_status.changed')).toMatchObject({ event: { data: { from: 'active', to: 'past_due', cause: 'payment_action_required' } } });
    expect(commands.some((c) => c.type === 'syncEnforcement')).toBe(true);
    expect(state).toMatchObject({ paymentStatus: 'past_due', pastDueSince: at(1) });
    expect(paymentActionUrl(state)).toBe(hostedInvoiceUrlOf('in_3'));
  });

  it('moves to restricted and locked on the same timers as a failure, keeping the page until paid', () => {
    const waiting = deliver([action('evt_a', 1)]);
    expect(nextDeadline(waiting)).toBe(at(1) + 7 * DAY);
    const restricted = apply(waiting, at(1) + 7 * DAY, tick);
    const locked = apply(restricted, at(1) + 14 * DAY, tick);
    expect([restricted.paymentStatus, locked.paymentStatus]).toEqual(['restricted', 'locked']);
    expect(paymentActionUrl(locked)).toBe(hostedInvoiceUrlOf('in_3'));
    const restored = reduce(locked, stripe(settled('evt_paid', 15 * 24)), at(15 * 24));
    expect(restored.state.paymentStatus).toBe('active');
    expect(paymentActionUrl(restored.state)).toBeNull();
    expect(eventTypes(restored.commands)).toEqual(['payment.restored', 'tenant.payment_status.changed', 'tenant.restored']);
  });

  it('a later payment_failed of the same invoice does not restart the ladder, and keeps the page', () => {
    const s = deliver([action('evt_a', 1), invoiceEvent('invoice.payment_failed', 'evt_f', at(2), 'in_3')]);
    expect(s.pastDueSince).toBe(at(1));
    expect(paymentActionUrl(s)).toBe(hostedInvoiceUrlOf('in_3'));
  });

  it('a duplicate changes nothing', () => {
    const once = deliver([action('evt_a', 1)]);
    expect(reduce(once, stripe(action('evt_a', 1)), at(2))).toEqual({ state: once, commands: [] });
  });

  it('answers the newest waiting page across subscriptions, and drops only the paid one', () => {
    const s = deliver([action('evt_a', 1, 'in_3', 'sub_1'), action('evt_b', 2, 'in_9', 'sub_9'), settled('evt_paid_9', 3, 'in_9', 'sub_9')]);
    expect(paymentActionUrl(s)).toBe(hostedInvoiceUrlOf('in_3'));
    expect(s.paymentStatus).toBe('past_due');
  });

  const SEQUENCE = [
    action('evt_01', 1, 'in_3', 'sub_1'),
    invoiceEvent('invoice.payment_failed', 'evt_02', at(2), 'in_3'),
    action('evt_03', 3, 'in_9', 'sub_9'),
    settled('evt_04', 4, 'in_9', 'sub_9'),
    action('evt_05', 5, 'in_4', 'sub_1'),
  ];
  const business = (s: TenantState) => ({ paymentStatus: s.paymentStatus, pastDueSince: s.pastDueSince, dunning: s.dunning, paymentActions: s.paymentActions, url: paymentActionUrl(s) });

  it('converges in any delivery order, with duplicates', () => {
    const inOrder = deliver(SEQUENCE);
    expect(business(inOrder)).toMatchObject({ paymentStatus: 'past_due', pastDueSince: at(1), url: hostedInvoiceUrlOf('in_4') });
    for (let seed = 1; seed <= 100; seed += 1) {
      const random = prng(seed);
      const order = [...SEQUENCE, ...SEQUENCE.filter(() => random() < 0.3)].sort(() => random() - 0.5);
      expect(business(deliver(order)), `seed ${seed}: ${order.map((e) => e.id).join(' ')}`).toEqual(business(inOrder));
    }
  });

  it('a payment older than the waiting authentication leaves it waiting', () => {
    const s = deliver([settled('evt_paid_old', 1), action('evt_a', 2)]);
    expect(paymentActionUrl(s)).toBe(hostedInvoiceUrlOf('in_3'));
    expect(s.paymentStatus).toBe('past_due');
  });
});

describe('normalizing invoice.payment_action_required', () => {
  it('keeps the invoice with its hosted page', () => {
    const raw = { id: 'evt_sca', type: 'invoice.payment_action_required', created: 1_700_000_000, data: { object: {
      id: 'in_sca', object: 'invoice', customer: 'cus_1', amount_due: 4_200, attempt_count: 1, hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1/test_sca',
      parent: { subscription_details: { subscription: 'sub_sca', metadata: { tenantId: 't1' } } },
    } } };
    expect(normalizeStripeEvent(raw, { plan: null })).toEqual({
      id: 'evt_sca', type: 'invoice.payment_action_required', created: 1_700_000_000_000, objectId: 'in_sca', customerId: 'cus_1',
      invoice: { id: 'in_sca', subscriptionId: 'sub_sca', amountDue: 4_200, attemptCount: 1, hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1/test_sca' },
    });
  });
});
