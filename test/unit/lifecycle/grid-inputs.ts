// The inputs (rows) of the golden grid. Each is one or more inputs applied at times relative to the
// fixture's clock; Stripe events are created an hour after the fixture's "now".
import type { EntitlementOverride } from '../../../domain/entitlements/overrides.js';
import type { AdminAction, LifecycleInput } from '../../../domain/lifecycle/index.js';
import { CONTACT, DAY, ENTERPRISE, FREE, GROWTH, HOUR, STARTER, T0, invoiceEvent, stripe, sub, subEvent, tick, type Fixture } from './harness.js';

export type GridStep = [input: LifecycleInput, now: number];
export type GridInput = (f: Fixture) => GridStep[];

const admin = (action: AdminAction): LifecycleInput => ({ kind: 'admin', action });
const at = (f: Fixture, offset = HOUR): number => f.now + offset;
const once = (input: LifecycleInput, offset = HOUR): GridInput => (f) => [[input, at(f, offset)]];
const tickAfter = (offset: number): GridInput => (f) => [[tick, f.now + offset]];
/** The cancellation as Stripe reports it: requested when the fixture cancelled (T0 + 2d). */
const cancelling = sub({ cancelAtPeriodEnd: true, canceledAt: T0 + 2 * DAY });

export const STRIPE_INPUTS: Record<string, GridInput> = {
  'sub.updated same plan': (f) => [[stripe(subEvent('subscription.updated', 'evt_same', at(f))), at(f)]],
  'sub.updated upgrade': (f) => [[stripe(subEvent('subscription.updated', 'evt_up', at(f), sub({ plan: ENTERPRISE }))), at(f)]],
  'sub.updated cancel_at_period_end': (f) => [[stripe(subEvent('subscription.updated', 'evt_cancel', at(f), cancelling)), at(f)]],
  'sub.deleted': (f) => [[stripe(subEvent('subscription.deleted', 'evt_del', at(f), sub({ status: 'canceled', canceledAt: at(f) }))), at(f)]],
  'checkout.completed': (f) => [[stripe(subEvent('checkout.completed', 'evt_checkout', at(f))), at(f)]],
  'invoice.paid': (f) => [[stripe(invoiceEvent('invoice.paid', 'evt_in2_paid', at(f), 'in_2')), at(f)]],
  'invoice.payment_failed': (f) => [[stripe(invoiceEvent('invoice.payment_failed', 'evt_in3_failed', at(f), 'in_3')), at(f)]],
  'invoice.payment_action_required': (f) => [[stripe(invoiceEvent('invoice.payment_action_required', 'evt_in3_action', at(f), 'in_3')), at(f)]],
  'payment_action_required, then invoice.paid': (f) => [
    [stripe(invoiceEvent('invoice.payment_action_required', 'evt_in3_action', at(f), 'in_3')), at(f)],
    [stripe(invoiceEvent('invoice.paid', 'evt_in3_paid', at(f, 2 * HOUR), 'in_3')), at(f, 2 * HOUR)],
  ],
  'invoice.paid, then a late payment_action_required': (f) => [
    [stripe(invoiceEvent('invoice.paid', 'evt_in3_paid', at(f, 2 * HOUR), 'in_3')), at(f, 2 * HOUR)],
    [stripe(invoiceEvent('invoice.payment_action_required', 'evt_in3_action', at(f), 'in_3')), at(f, 3 * HOUR)],
  ],
  'trial_will_end (no Stripe trial)': (f) => [[stripe(subEvent('subscription.trial_will_end', 'evt_twe', at(f))), at(f)]],
  'trial_will_end after a trialing snapshot': (f) => [
    [stripe(subEvent('subscription.updated', 'evt_trialing', at(f), sub({ status: 'trialing' }))), at(f)],
    [stripe(subEvent('subscription.trial_will_end', 'evt_twe', at(f, 2 * HOUR), sub({ status: 'trialing' }))), at(f, 2 * HOUR)],
  ],
  'duplicate payment_failed': (f) => {
    const event = stripe(invoiceEvent('invoice.payment_failed', 'evt_dup', at(f), 'in_3'));
    return [[event, at(f)], [event, at(f, 2 * HOUR)]];
  },
  'reverse order (newer cancel, then older snapshot)': (f) => [
    [stripe(subEvent('subscription.updated', 'evt_rev_2', at(f, 2 * HOUR), cancelling)), at(f, 2 * HOUR)],
    [stripe(subEvent('subscription.updated', 'evt_rev_1', at(f))), at(f, 3 * HOUR)],
  ],
  'stale update after deletion': (f) => [
    [stripe(subEvent('subscription.deleted', 'evt_del', at(f, 2 * HOUR), sub({ status: 'canceled', canceledAt: at(f, 2 * HOUR) }))), at(f, 2 * HOUR)],
    [stripe(subEvent('subscription.updated', 'evt_late', at(f))), at(f, 3 * HOUR)],
  ],
};

export const ADMIN_INPUTS: Record<string, GridInput> = {
  suspend: once(admin({ type: 'suspend', reason: 'tos', actor: 'ops' })),
  unsuspend: once(admin({ type: 'unsuspend', actor: 'ops' })),
  lock: once(admin({ type: 'lock', reason: 'fraud', actor: 'ops' })),
  unlock: once(admin({ type: 'unlock', actor: 'ops' })),
  'lock then unlock': (f) => [
    [admin({ type: 'lock', reason: 'fraud', actor: 'ops' }), at(f)],
    [admin({ type: 'unlock', actor: 'ops' }), at(f, 2 * HOUR)],
  ],
  extendTrial: once(admin({ type: 'extendTrial', byMs: 3 * DAY, actor: 'ops' })),
  overrideLimits: once(admin({ type: 'overrideLimits', limits: { campaigns: 50 }, actor: 'ops' })),
  applyDiscount: once(admin({ type: 'applyDiscount', couponId: 'LAUNCH20', actor: 'ops' })),
  'close now': once(admin({ type: 'close', reason: 'left', actor: 'ops', effective: 'now' })),
  'close at period end': once(admin({ type: 'close', reason: 'left', actor: 'ops', effective: 'period_end' })),
};

/** An override's `until` in the grid: a day after it is set, before every fixture's own next deadline. */
export const OVERRIDE_LIFETIME = DAY;
const set = (override: EntitlementOverride): LifecycleInput => admin({ type: 'setOverride', override, actor: 'ops' });
const flagOn = (until: number | null) => set({ key: 'advanced_analytics', enabled: true, reason: 'pilot', until });
const moreCampaigns = (until: number | null) => set({ key: 'campaigns', limit: 50, reason: 'pilot', until });
/** Sets a metered override ending OVERRIDE_LIFETIME later, then ticks `tickAt` after its `until`. */
const expiring = (...tickAt: number[]): GridInput => (f) => {
  const until = at(f) + OVERRIDE_LIFETIME;
  return [[moreCampaigns(until), at(f)], ...tickAt.map((offset): GridStep => [tick, until + offset])];
};

export const OVERRIDE_INPUTS: Record<string, GridInput> = {
  'setOverride boolean': (f) => [[flagOn(null), at(f)]],
  'setOverride boolean until': (f) => [[flagOn(at(f) + OVERRIDE_LIFETIME), at(f)]],
  'setOverride metered': (f) => [[moreCampaigns(null), at(f)]],
  'setOverride metered until': (f) => [[moreCampaigns(at(f) + OVERRIDE_LIFETIME), at(f)]],
  'override until, tick just before': expiring(-1),
  'override until, tick at until': expiring(0),
  'override until, ticks before and at until': expiring(-1, 0),
  'override until, late tick +31d': (f) => {
    const until = at(f) + OVERRIDE_LIFETIME;
    return [[moreCampaigns(until), at(f)], [tick, f.now + 31 * DAY]];
  },
  removeOverride: (f) => [
    [flagOn(null), at(f)],
    [admin({ type: 'removeOverride', key: 'advanced_analytics', actor: 'ops', reason: 'pilot over' }), at(f, 2 * HOUR)],
  ],
  'removeOverride of a key without one': once(admin({ type: 'removeOverride', key: 'advanced_analytics', actor: 'ops' })),
};

const GROWTH_V2 = { ...GROWTH, version: 2, entitlements: { ...GROWTH.entitlements, campaigns: { limit: 40 } } };
const migrate = (effective: 'now' | 'period_end'): LifecycleInput => ({ kind: 'migratePlan', migrationId: 'mig_grid', plan: GROWTH_V2, effective, gaugeUsage: { campaigns: 2 }, force: false });

export const PLAN_INPUTS: Record<string, GridInput> = {
  'migrate growth to version 2 now': once(migrate('now')),
  'migrate growth to version 2 at period end': once(migrate('period_end')),
  'upgrade to enterprise': once({ kind: 'changePlan', plan: ENTERPRISE, direction: 'upgrade', gaugeUsage: {} }),
  'downgrade to starter': once({ kind: 'changePlan', plan: STARTER, direction: 'downgrade', gaugeUsage: { campaigns: 2, seats: 1 } }),
  'downgrade to starter over usage': once({ kind: 'changePlan', plan: STARTER, direction: 'downgrade', gaugeUsage: { campaigns: 5, seats: 1 } }),
  'downgrade to free': once({ kind: 'changePlan', plan: FREE, direction: 'downgrade', gaugeUsage: { campaigns: 1, seats: 1 } }),
  cancel: once({ kind: 'cancel', reason: 'budget' }),
  reactivate: once({ kind: 'reactivate' }),
  cancelPendingChange: once({ kind: 'cancelPendingChange' }),
  updateContact: once({ kind: 'updateContact', contact: CONTACT, customerId: 'cus_contact' }),
  'updateContact with a bad country': once({ kind: 'updateContact', contact: { ...CONTACT, address: { ...CONTACT.address, country: 'XX' } } }),
};

export const TICK_INPUTS: Record<string, GridInput> = {
  'tick now': tickAfter(0),
  'tick +2d': tickAfter(2 * DAY),
  'tick +7d': tickAfter(7 * DAY),
  'tick +10d': tickAfter(10 * DAY),
  'tick +13d': tickAfter(13 * DAY),
  'tick +31d': tickAfter(31 * DAY),
};
