// Shared clock, plans, event builders and named starting states for the lifecycle unit tests.
import {
  effectiveAccess, effectiveEntitlements, initialState, reduce, validate,
  type Command, type LifecycleConfig, type LifecycleInput, type NormalizedStripeEvent, type SubscriptionSnapshot, type TenantState, type Transition,
} from '../../../domain/lifecycle/index.js';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { toPlanSnapshot, type PlanSnapshot } from '../../../domain/plans/types.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Wednesday 15 January 2025, 12:00 UTC: the tenant is created. */
export const T0 = Date.UTC(2025, 0, 15, 12);
/** The paid subscription starts a day later and bills monthly. */
export const SUB_START = T0 + DAY;
export const SUB_END = Date.UTC(2025, 1, 16, 12);

export const CONFIG: LifecycleConfig = {
  trialPeriodMs: 14 * DAY,
  trialRemindersMs: [3 * DAY, DAY],
  dunningRestrictAfterMs: 7 * DAY,
  dunningLockAfterMs: 14 * DAY,
  defaultAdminLockMs: 2 * DAY,
};

export const plan = (id: string): PlanSnapshot => toPlanSnapshot(defaultPlan(id));
export const FREE = plan('free');
export const STARTER = plan('starter');
export const GROWTH = plan('growth');
export const ENTERPRISE = plan('enterprise-acme');

/** The registration every fixture starts from, with its commands (tenant.created among them). */
export function registerTenant(now = T0, config: Partial<LifecycleConfig> = {}): Transition {
  return initialState({ tenantId: 't1', name: 'Acme', email: 'ops@acme.test', now, config: { ...CONFIG, ...config }, trialPlan: STARTER, freePlan: FREE });
}

export function newTenant(now = T0, config: Partial<LifecycleConfig> = {}): TenantState {
  return registerTenant(now, config).state;
}

export function sub(overrides: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot {
  const p = overrides.plan === undefined ? GROWTH : overrides.plan;
  return {
    id: 'sub_1', status: 'active', planId: p?.id ?? null, plan: p, priceId: p?.stripePriceId ?? null,
    currentPeriodStart: SUB_START, currentPeriodEnd: SUB_END, cancelAtPeriodEnd: false, canceledAt: null, ...overrides,
  };
}

type SubEventType = 'subscription.updated' | 'subscription.deleted' | 'checkout.completed' | 'subscription.trial_will_end';

export function subEvent(type: SubEventType, id: string, created: number, snapshot: SubscriptionSnapshot = sub()): NormalizedStripeEvent {
  const objectId = type === 'checkout.completed' ? `cs_${id}` : snapshot.id;
  return { id, type, created, objectId, customerId: 'cus_1', subscription: snapshot };
}

export function invoiceEvent(type: 'invoice.paid' | 'invoice.payment_failed' | 'invoice.payment_action_required', id: string, created: number, invoiceId: string, subscriptionId: string | null = 'sub_1', attemptCount = 1): NormalizedStripeEvent {
  const hostedInvoiceUrl = type === 'invoice.payment_action_required' ? hostedInvoiceUrlOf(invoiceId) : undefined;
  return { id, type, created, objectId: invoiceId, customerId: 'cus_1', invoice: { id: invoiceId, subscriptionId, amountDue: 9_900, attemptCount, ...(hostedInvoiceUrl ? { hostedInvoiceUrl } : {}) } };
}

/** The hosted invoice page the harness gives an invoice that needs authentication. */
export const hostedInvoiceUrlOf = (invoiceId: string): string => `https://invoice.stripe.test/i/${invoiceId}`;

/** A complete billing contact, as PUT /billings/contact would send it. */
export const CONTACT = {
  name: 'Acme GmbH',
  email: 'billing@acme.test',
  address: { line1: 'Hauptstrasse 1', line2: null, city: 'Berlin', postalCode: '10115', state: null, country: 'DE' },
  taxId: { type: 'eu_vat', value: 'DE123456789' },
};

export const stripe = (event: NormalizedStripeEvent): LifecycleInput => ({ kind: 'stripe', event });
export const tick: LifecycleInput = { kind: 'tick' };

/** Applies inputs in order; a local input that validate() rejects fails the test (fixtures must be real). */
export function apply(state: TenantState, now: number, ...inputs: LifecycleInput[]): TenantState {
  return inputs.reduce((s, input) => {
    const error = input.kind === 'stripe' || input.kind === 'tick' ? null : validate(s, input);
    if (error) throw new Error(`fixture input ${input.kind} rejected: ${error.message}`);
    return reduce(s, input, now).state;
  }, state);
}

export interface Fixture {
  state: TenantState;
  now: number;
}

const paid = (s: TenantState): TenantState =>
  apply(s, SUB_START, stripe(subEvent('subscription.updated', 'evt_sub_created', SUB_START)), stripe(invoiceEvent('invoice.paid', 'evt_in1_paid', SUB_START, 'in_1')));
const pastDue = (s: TenantState): TenantState => apply(s, T0 + 2 * DAY, stripe(invoiceEvent('invoice.payment_failed', 'evt_in2_failed', T0 + 2 * DAY, 'in_2')));
const admin = (action: Extract<LifecycleInput, { kind: 'admin' }>['action']): LifecycleInput => ({ kind: 'admin', action });

/** The named starting states of the golden grid, each with the fake clock's reading. */
export const FIXTURES: Record<string, () => Fixture> = {
  trialing: () => ({ state: newTenant(), now: T0 + DAY }),
  'active-paid': () => ({ state: paid(newTenant()), now: T0 + 2 * DAY }),
  past_due: () => ({ state: pastDue(paid(newTenant())), now: T0 + 2 * DAY }),
  restricted: () => ({ state: apply(pastDue(paid(newTenant())), T0 + 9 * DAY, tick), now: T0 + 9 * DAY }),
  'payment-locked': () => ({ state: apply(pastDue(paid(newTenant())), T0 + 16 * DAY, tick), now: T0 + 16 * DAY }),
  'admin-locked': () => ({ state: apply(paid(newTenant()), T0 + 2 * DAY, admin({ type: 'lock', reason: 'abuse', actor: 'ops' })), now: T0 + 2 * DAY }),
  suspended: () => ({ state: apply(paid(newTenant()), T0 + 2 * DAY, admin({ type: 'suspend', reason: 'tos', actor: 'ops' })), now: T0 + 2 * DAY }),
  cancelling: () => ({ state: apply(paid(newTenant()), T0 + 2 * DAY, { kind: 'cancel', reason: 'too expensive' }), now: T0 + 2 * DAY }),
  'downgrade-pending': () => ({
    state: apply(paid(newTenant()), T0 + 2 * DAY, { kind: 'changePlan', plan: STARTER, direction: 'downgrade', gaugeUsage: { campaigns: 2, seats: 1 } }),
    now: T0 + 2 * DAY,
  }),
  free: () => ({ state: apply(newTenant(), T0 + 14 * DAY, tick), now: T0 + 14 * DAY }),
};

export const eventTypes = (commands: Command[]): string[] => commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event.type] : []));

/** Freezes a value deeply, so any mutation by the reducer throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** One line summary a grid cell compares against: `status payment plan access`. */
export function summary(state: TenantState): string {
  return `${state.status} ${state.paymentStatus} ${state.plan.id} ${effectiveAccess(state)}`;
}

/** A metered feature's effective limit at `now` (null = unlimited); fails the test for a boolean or ungranted feature. */
export function limitOf(state: TenantState, key: string, now: number): number | null {
  const value = effectiveEntitlements(state, now)[key]?.value;
  if (value === undefined || !('limit' in value)) throw new Error(`${key} is not a metered entitlement of ${state.plan.id}`);
  return value.limit;
}
