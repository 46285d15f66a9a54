// Property: Stripe delivers events late, out of order and more than once. Any delivery order, with
// duplicates, must end in the same business state as in-order delivery.
import { describe, expect, it } from 'vitest';
import { reduce, type NormalizedStripeEvent, type TenantState } from '../../../domain/lifecycle/index.js';
import { ENTERPRISE, GROWTH, HOUR, STARTER, T0, invoiceEvent, newTenant, sub, subEvent } from './harness.js';
import { prng } from '../../support/prng.js';

const RUNS = 200;
const at = (hours: number): number => T0 + hours * HOUR;
/** Every delivery happens at one fake "now", so the outcome depends only on what was delivered. */
const NOW = at(20);


function shuffledWithDuplicates(events: NormalizedStripeEvent[], random: () => number): NormalizedStripeEvent[] {
  const out = [...events];
  for (const event of events) if (random() < 0.3) out.push(event);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function deliver(events: NormalizedStripeEvent[]): TenantState {
  return events.reduce((state, event) => reduce(state, { kind: 'stripe', event }, NOW).state, newTenant());
}

/**
 * The fields a user or operator sees; not version or the idempotency bookkeeping, and not the usage
 * period, whose resets are history (a reset done when a subscription started is not undone).
 */
function business(s: TenantState) {
  return {
    plan: s.plan.id, subscription: s.subscription, paymentStatus: s.paymentStatus, pastDueSince: s.pastDueSince,
    status: s.status, pendingChange: s.pendingChange, trial: s.trial, trialEndedAt: s.trialEndedAt,
    customerId: s.stripe.customerId, dunning: s.dunning,
  };
}

const periodEnd = Date.UTC(2025, 1, 15, 13);
const BRIEF_SEQUENCE: NormalizedStripeEvent[] = [
  subEvent('subscription.updated', 'evt_01_created', at(1), sub({ currentPeriodStart: at(1), currentPeriodEnd: periodEnd })),
  invoiceEvent('invoice.paid', 'evt_02_paid', at(2), 'in_1'),
  invoiceEvent('invoice.payment_failed', 'evt_03_failed', at(3), 'in_2'),
  invoiceEvent('invoice.paid', 'evt_04_paid', at(4), 'in_2'),
  subEvent('subscription.updated', 'evt_05_updated', at(5), sub({ plan: ENTERPRISE, cancelAtPeriodEnd: true, canceledAt: at(5), currentPeriodStart: at(1), currentPeriodEnd: periodEnd })),
  subEvent('subscription.deleted', 'evt_06_deleted', at(6), sub({ plan: ENTERPRISE, status: 'canceled', canceledAt: at(5), currentPeriodStart: at(1), currentPeriodEnd: periodEnd })),
];

const second = (overrides: Parameters<typeof sub>[0]) => sub({ id: 'sub_2', currentPeriodStart: at(9), currentPeriodEnd: periodEnd, ...overrides });
const RESUBSCRIBE_SEQUENCE: NormalizedStripeEvent[] = [
  subEvent('subscription.updated', 'evt_01', at(1), sub({ plan: GROWTH })),
  invoiceEvent('invoice.paid', 'evt_02', at(2), 'in_1'),
  invoiceEvent('invoice.payment_failed', 'evt_03', at(3), 'in_2'),
  invoiceEvent('invoice.payment_failed', 'evt_04', at(4), 'in_2', 'sub_1', 2),
  subEvent('subscription.updated', 'evt_05', at(5), sub({ status: 'past_due' })),
  invoiceEvent('invoice.paid', 'evt_06', at(6), 'in_2'),
  subEvent('subscription.updated', 'evt_07', at(7), sub({ cancelAtPeriodEnd: true, canceledAt: at(7) })),
  subEvent('subscription.deleted', 'evt_08', at(8), sub({ status: 'canceled', canceledAt: at(7) })),
  subEvent('checkout.completed', 'evt_09', at(9), second({ plan: STARTER })),
  invoiceEvent('invoice.payment_failed', 'evt_10', at(10), 'in_5', 'sub_2'),
  invoiceEvent('invoice.payment_failed', 'evt_11', at(11), 'in_5', 'sub_2', 2),
  subEvent('subscription.updated', 'evt_12', at(12), second({ plan: ENTERPRISE })),
  // Same `created` as evt_12: the greater event id wins, whatever the order.
  subEvent('subscription.updated', 'evt_12b', at(12), second({ plan: ENTERPRISE, cancelAtPeriodEnd: true, canceledAt: at(12) })),
];

describe('delivery order does not matter', () => {
  it.each([
    ['subscription created, paid, failed, paid, updated, deleted', BRIEF_SEQUENCE, { plan: 'free', paymentStatus: 'active', status: 'canceled' }],
    ['a second subscription after the first ended, in dunning, with a tie', RESUBSCRIBE_SEQUENCE, { plan: 'enterprise-acme', paymentStatus: 'past_due', status: 'active' }],
  ])('%s', (_name, sequence, expected) => {
    const inOrder = deliver(sequence);
    expect({ plan: inOrder.plan.id, paymentStatus: inOrder.paymentStatus, status: inOrder.subscription?.status }).toEqual(expected);
    for (let seed = 1; seed <= RUNS; seed += 1) {
      const order = shuffledWithDuplicates(sequence, prng(seed));
      expect(business(deliver(order)), `seed ${seed}: ${order.map((e) => e.id).join(' ')}`).toEqual(business(inOrder));
    }
  });

  it('the resubscribed tenant is anchored on its first unpaid failure and cancelling by the tie-break', () => {
    const s = deliver(RESUBSCRIBE_SEQUENCE);
    expect(s.pastDueSince).toBe(at(10));
    expect(s.subscription).toMatchObject({ id: 'sub_2', cancelAtPeriodEnd: true });
  });

  it('a duplicate changes nothing at all', () => {
    const once = deliver(BRIEF_SEQUENCE);
    const again = reduce(once, { kind: 'stripe', event: BRIEF_SEQUENCE[2]! }, NOW);
    expect(again).toEqual({ state: once, commands: [] });
  });
});
