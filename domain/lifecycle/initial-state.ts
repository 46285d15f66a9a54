// A new tenant: on trial with the trial plan's entitlements, usage periods anchored on its creation time.
import { upgradePlanSnapshot } from '../entitlements/legacy.js';
import { periodContaining } from './periods.js';
import { emit, enforce, finish, openStep } from './step.js';
import type { InitialStateInput, TenantState, Transition } from './types.js';

/** Builds the first state and its commands (tenant.created, enforcement, projection); version 1. */
export function initialState(input: InitialStateInput): Transition {
  const { now, config } = input;
  // Workflows started before entitlements were given snapshots with `limits`.
  const trialPlan = upgradePlanSnapshot(input.trialPlan);
  const freePlan = upgradePlanSnapshot(input.freePlan);
  const hasTrial = config.trialPeriodMs > 0;
  const state: TenantState = {
    tenantId: input.tenantId,
    name: input.name ?? null,
    email: input.email ?? null,
    address: null,
    taxId: null,
    createdAt: now,
    version: 0,
    plan: hasTrial ? trialPlan : freePlan,
    freePlan,
    status: 'active',
    statusReason: null,
    suspendedAt: null,
    lockedAt: null,
    lockedUntil: null,
    paymentStatus: 'active',
    pastDueSince: null,
    trial: hasTrial ? { startedAt: now, endsAt: now + config.trialPeriodMs, remindersSent: [] } : null,
    trialEndedAt: hasTrial ? null : now,
    subscription: null,
    pendingChange: null,
    usagePeriod: periodContaining(now, now),
    usageAnchor: now,
    overrides: [],
    discount: null,
    closure: null,
    dunning: {},
    paymentActions: {},
    stripe: { customerId: null, appliedEventIds: [], objectVersions: {}, subscriptions: {} },
    config,
  };
  const step = openStep(state, now);
  step.changed = true;
  enforce(step);
  emit(step, 'tenant.created', {
    name: state.name, email: state.email, planId: state.plan.id, trialEndsAt: state.trial?.endsAt ?? null,
  });
  return finish(step);
}
