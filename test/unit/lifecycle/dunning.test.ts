import { describe, expect, it } from 'vitest';
import { accessWarning, effectiveAccess, nextDeadline, reduce, type TenantState } from '../../../domain/lifecycle/index.js';
import { DAY, FIXTURES, HOUR, T0, apply, eventTypes, invoiceEvent, stripe, tick } from './harness.js';

const FAILED_AT = T0 + 2 * DAY;
const failure = (id: string, created: number, invoice = 'in_2') => stripe(invoiceEvent('invoice.payment_failed', id, created, invoice));
const paid = (id: string, created: number, invoice = 'in_2') => stripe(invoiceEvent('invoice.paid', id, created, invoice));
const pastDue = (): TenantState => FIXTURES.past_due!().state;

describe('the dunning ladder', () => {
  it('goes past_due at the first failure, restricted on day 7, locked on day 14', () => {
    let s = pastDue();
    expect([s.paymentStatus, s.pastDueSince, effectiveAccess(s), accessWarning(s)]).toEqual(['past_due', FAILED_AT, 'full', 'payment_past_due']);
    expect(nextDeadline(s)).toBe(FAILED_AT + 7 * DAY);
    s = apply(s, FAILED_AT + 7 * DAY - 1, tick);
    expect(s.paymentStatus).toBe('past_due');
    const day7 = reduce(s, tick, FAILED_AT + 7 * DAY);
    expect(eventTypes(day7.commands)).toEqual(['tenant.payment_status.changed', 'tenant.restricted']);
    expect([day7.state.paymentStatus, effectiveAccess(day7.state)]).toEqual(['restricted', 'read_only']);
    const day14 = reduce(day7.state, tick, FAILED_AT + 14 * DAY);
    expect(eventTypes(day14.commands)).toEqual(['tenant.payment_status.changed', 'tenant.locked']);
    const locked = day14.commands.find((c) => c.type === 'publishEvent' && c.event.type === 'tenant.locked');
    expect(locked?.type === 'publishEvent' && locked.event.data).toMatchObject({ source: 'dunning' });
    expect([day14.state.paymentStatus, effectiveAccess(day14.state)]).toEqual(['locked', 'none']);
  });

  it('does not restart on later retries of the same or another invoice', () => {
    const s = apply(pastDue(), FAILED_AT + 3 * DAY, failure('evt_retry', FAILED_AT + 3 * DAY), failure('evt_other', FAILED_AT + 4 * DAY, 'in_9'));
    expect(s.pastDueSince).toBe(FAILED_AT);
    expect(nextDeadline(s)).toBe(FAILED_AT + 7 * DAY);
  });

  it('a late tick past both deadlines applies each in order, each event at its own deadline', () => {
    const result = reduce(pastDue(), tick, FAILED_AT + 20 * DAY);
    expect(result.state.paymentStatus).toBe('locked');
    const events = result.commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event] : []));
    expect(events.map((e) => [e.type, e.occurredAt])).toEqual([
      ['tenant.payment_status.changed', new Date(FAILED_AT + 7 * DAY).toISOString()],
      ['tenant.restricted', new Date(FAILED_AT + 7 * DAY).toISOString()],
      ['tenant.payment_status.changed', new Date(FAILED_AT + 14 * DAY).toISOString()],
      ['tenant.locked', new Date(FAILED_AT + 14 * DAY).toISOString()],
    ]);
    expect(events.filter((e) => e.type === 'tenant.payment_status.changed').map((e) => e.data)).toMatchObject([{ from: 'past_due', to: 'restricted' }, { from: 'restricted', to: 'locked' }]);
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('a payment while restricted restores full access', () => {
    const restricted = FIXTURES.restricted!().state;
    const result = reduce(restricted, paid('evt_paid', T0 + 9 * DAY + HOUR), T0 + 9 * DAY + HOUR);
    expect(eventTypes(result.commands)).toEqual(['payment.restored', 'tenant.payment_status.changed', 'tenant.restored']);
    expect([result.state.paymentStatus, result.state.pastDueSince, effectiveAccess(result.state)]).toEqual(['active', null, 'full']);
    expect(result.commands.map((c) => c.type)).toContain('syncEnforcement');
  });

  it('an older failure never undoes a newer payment of the same subscription', () => {
    const settled = apply(pastDue(), FAILED_AT + DAY, paid('evt_paid', FAILED_AT + DAY));
    const late = reduce(settled, failure('evt_old_retry', FAILED_AT + HOUR), FAILED_AT + 2 * DAY);
    expect(late.state.paymentStatus).toBe('active');
    expect(late.state.version).toBe(settled.version);
    expect(late.commands).toEqual([]);
    // ...but a genuinely newer failure starts dunning again, anchored on itself.
    const again = apply(settled, FAILED_AT + 3 * DAY, failure('evt_new', FAILED_AT + 3 * DAY, 'in_3'));
    expect([again.paymentStatus, again.pastDueSince]).toEqual(['past_due', FAILED_AT + 3 * DAY]);
  });

  it('a failure delivered after the payment that settled it is recorded but changes nothing', () => {
    const settled = apply(pastDue(), FAILED_AT + DAY, paid('evt_paid', FAILED_AT + DAY));
    const replay = reduce(settled, failure('evt_in2_failed_again', FAILED_AT), FAILED_AT + DAY);
    expect(replay.state.stripe.appliedEventIds).toContain('evt_in2_failed_again');
    expect(replay.commands).toEqual([]);
  });

  it('an admin lock during dunning is a second, independent block', () => {
    const locked = apply(pastDue(), FAILED_AT + HOUR, { kind: 'admin', action: { type: 'lock', reason: 'chargeback', actor: 'ops', durationMs: null } });
    expect([locked.status, locked.paymentStatus, effectiveAccess(locked)]).toEqual(['locked', 'past_due', 'none']);
    const restored = apply(locked, FAILED_AT + 2 * HOUR, paid('evt_paid', FAILED_AT + 2 * HOUR));
    expect([restored.status, restored.paymentStatus, effectiveAccess(restored)]).toEqual(['locked', 'active', 'none']);
    const unlocked = apply(restored, FAILED_AT + 3 * HOUR, { kind: 'admin', action: { type: 'unlock', actor: 'ops' } });
    expect(effectiveAccess(unlocked)).toBe('full');
  });

  it('the subscription ending settles what it owed', () => {
    const locked = FIXTURES['payment-locked']!().state;
    const ended = apply(locked, T0 + 17 * DAY, stripe({ id: 'evt_del', type: 'subscription.deleted', created: T0 + 17 * DAY, objectId: 'sub_1', customerId: 'cus_1' }));
    expect([ended.plan.id, ended.paymentStatus, effectiveAccess(ended)]).toEqual(['free', 'active', 'full']);
  });
});
