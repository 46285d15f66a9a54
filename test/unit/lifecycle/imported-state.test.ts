import { describe, expect, it } from 'vitest';
import { initialState, reduce, type ImportedTenant, type Transition } from '../../../domain/lifecycle/index.js';
import { CONFIG, DAY, FREE, GROWTH, STARTER, SUB_END, SUB_START, T0, sub, subEvent } from './harness.js';

// An imported tenant (`tenure backfill <file>`) starts in the state it was imported with.

const NOW = SUB_START + 2 * DAY;
const CREATED = T0 - 90 * DAY;

function importTenant(imported: Partial<ImportedTenant>, now = NOW): Transition {
  return initialState({
    tenantId: 't1', name: 'Acme', email: 'ops@acme.test', now, config: CONFIG, trialPlan: STARTER, freePlan: FREE,
    imported: { plan: GROWTH, createdAt: CREATED, trialEndsAt: null, stripeCustomerId: 'cus_1', subscriptionEvent: null, ...imported },
  });
}
const eventTypes = (t: Transition) => t.commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event.type] : []));

describe('an imported tenant', () => {
  it('with a live subscription starts on its plan, not in a trial, on the billing cycle', () => {
    const { state, commands } = importTenant({ subscriptionEvent: subEvent('subscription.updated', 'import:sub_1', NOW, sub()) });
    expect(state).toMatchObject({ plan: { id: 'growth' }, trial: null, createdAt: CREATED, subscription: { id: 'sub_1', status: 'active', customerId: 'cus_1' } });
    expect(state.usagePeriod).toEqual({ start: SUB_START, end: SUB_END });
    expect(state.stripe.customerId).toBe('cus_1');
    expect(commands.map((c) => c.type)).toEqual(['persistProjection', 'syncEnforcement', 'publishEvent', 'publishEvent']);
    expect(eventTypes({ state, commands })).toEqual(['tenant.created', 'subscription.created']);
  });

  it('with a canceled subscription starts on the free plan, as the webhook would put it', () => {
    const { state } = importTenant({ subscriptionEvent: subEvent('subscription.updated', 'import:sub_1', NOW, sub({ status: 'canceled', canceledAt: NOW - DAY })) });
    expect(state).toMatchObject({ plan: { id: 'free' }, trial: null, subscription: { status: 'canceled' } });
  });

  it('with a trial ending later starts in a trial on its plan that ends then, then falls back to free', () => {
    const endsAt = NOW + 5 * DAY;
    const { state } = importTenant({ trialEndsAt: endsAt, stripeCustomerId: null });
    expect(state).toMatchObject({ plan: { id: 'growth' }, trial: { startedAt: CREATED, endsAt }, trialEndedAt: null, stripe: { customerId: null } });
    expect(reduce(state, { kind: 'tick' }, endsAt).state).toMatchObject({ plan: { id: 'free' }, trial: null, trialEndedAt: endsAt });
  });

  it('without a subscription or a running trial starts on its plan, with no trial', () => {
    const { state } = importTenant({ trialEndsAt: NOW - DAY });
    expect(state).toMatchObject({ plan: { id: 'growth' }, trial: null, trialEndedAt: NOW - DAY, usageAnchor: CREATED, subscription: null });
    expect(importTenant({ createdAt: null }).state).toMatchObject({ createdAt: NOW, trialEndedAt: NOW, usageAnchor: NOW });
  });

  it('ignores a later copy of the import\'s subscription event (applied once, by id)', () => {
    const event = subEvent('subscription.updated', 'import:sub_1', NOW, sub());
    const { state } = importTenant({ subscriptionEvent: event });
    expect(reduce(state, { kind: 'stripe', event }, NOW + 1).commands).toEqual([]);
  });
});
