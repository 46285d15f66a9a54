// When a tenant's access or plan will next change if nothing else happens (issue 13, item 6), so a
// product backend can warn its user ahead of a lock or the end of a trial.
import { nextDeadline } from './deadlines.js';
import { lifecycleView, publishedEvents } from './preview.js';
import { reduce } from './reduce.js';
import type { Access, TenantState } from './types.js';
import { upgradeState, type StoredTenantState } from './upgrade-state.js';

/** Ticks simulated before giving up: enough for every dunning, trial and override deadline behind years of monthly usage resets. */
export const MAX_TRANSITION_TICKS = 64;

export interface NextTransition {
  at: number;
  to: { access: Access; planId: string };
  /** The event types published by the tick that changed it, in order (e.g. tenant.payment_status.changed, tenant.restricted). */
  reason: string[];
}

/**
 * Simulates ticks at nextDeadline from `now` until access or plan differs from the state's; null
 * when no deadline within MAX_TRANSITION_TICKS changes them (only Stripe or an admin could). Pure.
 */
export function nextTransition(stored: StoredTenantState, now: number, maxTicks = MAX_TRANSITION_TICKS): NextTransition | null {
  let state: TenantState = upgradeState(stored);
  const { access, planId } = lifecycleView(state);
  let clock = now;
  for (let i = 0; i < maxTicks; i += 1) {
    const deadline = nextDeadline(state);
    if (deadline === null) return null;
    clock = Math.max(deadline, clock);
    const { state: after, commands } = reduce(state, { kind: 'tick' }, clock);
    const view = lifecycleView(after);
    if (view.access !== access || view.planId !== planId) {
      return { at: clock, to: { access: view.access, planId: view.planId }, reason: publishedEvents(commands).map((e) => e.type) };
    }
    // A tick that changed nothing at a deadline that did not move would spin; the reducer's liveness rules it out.
    if (commands.length === 0 && nextDeadline(after) === deadline) return null;
    state = after;
  }
  return null;
}
