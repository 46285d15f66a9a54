// The first state of a lifecycle, shared by a new tenant (a trial) and an imported one (backfill).
import { upgradePlanSnapshot } from '../entitlements/legacy.js';
import { emit, enforce, finish, openStep } from './step.js';
import type { InitialStateInput, TenantState, Transition } from './types.js';

/** Where the first state differs between a new and an imported tenant. */
export type NewTenantFields = Pick<TenantState, 'createdAt' | 'plan' | 'trial' | 'trialEndedAt' | 'usagePeriod' | 'usageAnchor'> & { customerId: string | null };

/** A tenant's first state (version 0): active, no subscription, no overrides; `fields` says the rest. */
export function newTenantState(input: InitialStateInput, fields: NewTenantFields): TenantState {
  const { customerId, ...rest } = fields;
  return {
    tenantId: input.tenantId,
    name: input.name ?? null,
    email: input.email ?? null,
    address: null,
    taxId: null,
    version: 0,
    freePlan: upgradePlanSnapshot(input.freePlan),
    status: 'active',
    statusReason: null,
    suspendedAt: null,
    lockedAt: null,
    lockedUntil: null,
    paymentStatus: 'active',
    pastDueSince: null,
    subscription: null,
    pendingChange: null,
    overrides: [],
    discount: null,
    closure: null,
    dunning: {},
    paymentActions: {},
    stripe: { customerId, appliedEventIds: [], objectVersions: {}, subscriptions: {} },
    config: input.config,
    ...rest,
  };
}

/** The first transition: the state becomes version 1, enforcement is synced and tenant.created published. */
export function createdTransition(state: TenantState, now: number): Transition {
  const step = openStep(state, now);
  step.changed = true;
  enforce(step);
  emit(step, 'tenant.created', {
    name: state.name, email: state.email, planId: state.plan.id, trialEndsAt: state.trial?.endsAt ?? null,
  });
  return finish(step);
}
