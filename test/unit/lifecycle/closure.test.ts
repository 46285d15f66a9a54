// Closing an account (issue 17): at once, or at the subscription's period end; final either way.
import { describe, expect, it } from 'vitest';
import { effectiveAccess, nextDeadline, reduce, upgradeState, validate, type LifecycleInput, type StoredTenantState } from '../../../domain/lifecycle/index.js';
import { paymentActionUrl } from '../../../domain/lifecycle/payment-action.js';
import { DAY, FIXTURES, HOUR, SUB_END, T0, apply, eventTypes, hostedInvoiceUrlOf, invoiceEvent, newTenant, stripe, sub, subEvent, tick } from './harness.js';

const close = (effective: 'now' | 'period_end', reason = 'customer left'): LifecycleInput => ({ kind: 'admin', action: { type: 'close', reason, actor: 'ops', effective } });
const paid = () => FIXTURES['active-paid']!();

describe('close now', () => {
  it('ends the subscription, cuts access, and publishes subscription.ended then tenant.closed', () => {
    const { state, now } = paid();
    const closed = reduce(state, close('now'), now);
    expect(eventTypes(closed.commands)).toEqual(['subscription.ended', 'tenant.closed']);
    expect(closed.commands.map((c) => c.type).slice(0, 2)).toEqual(['persistProjection', 'syncEnforcement']);
    const s = closed.state;
    expect([s.status, effectiveAccess(s), s.plan.id, s.subscription?.status]).toEqual(['closed', 'none', 'free', 'canceled']);
    expect(s.closure).toMatchObject({ effective: 'now', reason: 'customer left', actor: 'ops', closedAt: now });
    const event = closed.commands.find((c) => c.type === 'publishEvent' && c.event.type === 'tenant.closed');
    expect(event).toMatchObject({ event: { data: { reason: 'customer left', actor: 'ops', effective: 'now', subscriptionId: 'sub_1', planId: 'free' } } });
    expect(nextDeadline(s)).toBeNull();
  });

  it('stops offering the payment a bank asked to confirm: a closed account owes nothing', () => {
    const { state, now } = paid();
    const asked = apply(state, now, stripe(invoiceEvent('invoice.payment_action_required', 'evt_sca', now, 'in_3')));
    expect(paymentActionUrl(asked)).toBe(hostedInvoiceUrlOf('in_3'));
    const closed = reduce(asked, close('now'), now + HOUR).state;
    expect([closed.status, closed.paymentActions, paymentActionUrl(closed)]).toEqual(['closed', {}, null]);
  });

  it('closes a trialing tenant without a subscription, and ends the trial', () => {
    const closed = reduce(newTenant(), close('period_end'), T0 + DAY);
    expect(eventTypes(closed.commands)).toEqual(['tenant.closed']);
    expect([closed.state.status, closed.state.trial, closed.state.trialEndedAt]).toEqual(['closed', null, T0 + DAY]);
  });

  it('is final: every later input is refused with TENANT_CLOSED and changes nothing', () => {
    const { state, now } = paid();
    const closed = reduce(state, close('now'), now).state;
    for (const input of [close('now'), { kind: 'admin', action: { type: 'unsuspend', actor: 'ops' } }, { kind: 'cancel', reason: null }, tick] as LifecycleInput[]) {
      expect(validate(closed, input)?.code).toBe('TENANT_CLOSED');
      expect(reduce(closed, input, now + DAY).commands).toEqual([]);
    }
    const renewal = stripe(subEvent('subscription.updated', 'evt_late', now + HOUR, sub()));
    expect(reduce(closed, renewal, now + 2 * HOUR)).toEqual({ state: closed, commands: [] });
  });

  it('closes a suspended tenant too, and needs a reason', () => {
    const { state, now } = FIXTURES.suspended!();
    expect(reduce(state, close('now'), now).state.status).toBe('closed');
    expect(validate(state, close('now', ' '))?.code).toBe('VALIDATION_FAILED');
  });
});

describe('close at period end', () => {
  it('cancels at period end and closes on subscription.deleted', () => {
    const { state, now } = paid();
    const scheduled = reduce(state, close('period_end'), now);
    expect(eventTypes(scheduled.commands)).toEqual(['subscription.cancelled']);
    expect([scheduled.state.status, effectiveAccess(scheduled.state)]).toEqual(['active', 'full']);
    expect(scheduled.state.closure).toMatchObject({ effective: 'period_end', closesAt: SUB_END, closedAt: null });
    expect(scheduled.state.subscription).toMatchObject({ cancelAtPeriodEnd: true, cancelReason: 'account closed: customer left' });
    expect(nextDeadline(scheduled.state)).toBeLessThanOrEqual(SUB_END);
    // While the closing is pending the subscription cannot be reactivated, nor a second closing asked for.
    expect(validate(scheduled.state, { kind: 'reactivate' })?.code).toBe('INVALID_TRANSITION');
    expect(validate(scheduled.state, close('period_end'))?.code).toBe('INVALID_TRANSITION');

    const deleted = stripe(subEvent('subscription.deleted', 'evt_deleted', SUB_END - HOUR, sub({ status: 'canceled', cancelAtPeriodEnd: true, canceledAt: now })));
    const closed = reduce(scheduled.state, deleted, SUB_END - HOUR);
    expect(eventTypes(closed.commands)).toEqual(['subscription.ended', 'tenant.closed']);
    expect([closed.state.status, effectiveAccess(closed.state), closed.state.closure?.closedAt]).toEqual(['closed', 'none', SUB_END - HOUR]);
  });

  it('closes at the period end by itself when the webhook does not come', () => {
    const { state, now } = paid();
    const scheduled = apply(state, now, close('period_end'));
    expect(reduce(scheduled, tick, SUB_END - 1).state.status).toBe('active');
    const closed = reduce(scheduled, tick, SUB_END);
    expect(eventTypes(closed.commands)).toEqual(['subscription.ended', 'tenant.closed']);
    expect([closed.state.status, closed.state.subscription?.status]).toEqual(['closed', 'canceled']);
    // A late tick (a worker down for days) closes at the period end, not later.
    const late = reduce(scheduled, tick, SUB_END + 5 * DAY);
    expect(late.state.closure?.closedAt).toBe(SUB_END);
  });

  it('can be brought forward to now', () => {
    const { state, now } = paid();
    const scheduled = apply(state, now, close('period_end'));
    const closed = reduce(scheduled, close('now', 'changed our mind'), now + DAY);
    expect([closed.state.status, closed.state.closure?.effective, closed.state.closure?.closedAt]).toEqual(['closed', 'now', now + DAY]);
  });
});

describe('state upgrade', () => {
  it('reads a state from before closing as one with no closure', () => {
    const { state, now } = paid();
    const { closure: _closure, ...legacy } = state;
    const upgraded = upgradeState(JSON.parse(JSON.stringify(legacy)) as StoredTenantState);
    expect(upgraded.closure).toBeNull();
    expect(upgradeState(upgraded)).toBe(upgraded);
    expect(reduce(legacy as StoredTenantState, close('now'), now).state.status).toBe('closed');
  });
});
