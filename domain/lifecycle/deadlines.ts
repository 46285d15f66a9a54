// Deadlines are absolute timestamps derived from state, so they survive continue-as-new and a fake
// clock can drive them. nextDeadline is exactly the set of things `tick` acts on.
import { nextOverrideDeadline } from '../entitlements/expiry.js';
import { isClosed, pendingClosingAt } from './closure.js';
import { nextDunningDeadline } from './dunning.js';
import type { LifecycleConfig, TenantState } from './types.js';

type Trial = NonNullable<TenantState['trial']>;

/** Reminder offsets not yet sent that fall inside the trial (an offset longer than the trial never fires). */
export function pendingReminders(trial: Trial, config: LifecycleConfig): number[] {
  const length = trial.endsAt - trial.startedAt;
  return config.trialRemindersMs.filter(
    (r, i, all) => r > 0 && r < length && !trial.remindersSent.includes(r) && all.indexOf(r) === i,
  );
}

/** The reminder offsets whose time has come at `now`. */
export function dueReminders(trial: Trial, config: LifecycleConfig, now: number): number[] {
  return pendingReminders(trial, config).filter((r) => trial.endsAt - r <= now);
}

/** The earliest absolute time at which a tick would change something, or null if none. */
export function nextDeadline(state: TenantState): number | null {
  if (isClosed(state)) return null;
  const candidates: (number | null)[] = [
    pendingClosingAt(state),
    state.usagePeriod.end,
    nextDunningDeadline(state),
    state.pendingChange?.effectiveAt ?? null,
    state.status === 'locked' ? state.lockedUntil : null,
    nextOverrideDeadline(state.overrides),
  ];
  if (state.trial !== null) {
    const trial = state.trial;
    candidates.push(trial.endsAt, ...pendingReminders(trial, state.config).map((r) => trial.endsAt - r));
  }
  const times = candidates.filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}
