import { ActivityFailure, ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';
import type { Command, TenantState } from '../domain/lifecycle/index.js';
import type { Attention, CommandFailure } from './messages.js';

// Retries are unbounded: an outage (Postgres, Redis down) waits it out. Only a failure a retry
// cannot fix reaches the workflow (the activity marks it non-retryable, see activities/to-activity.ts),
// and it must not wedge the lifecycle: the command is held back for `repair` and the tenant is marked.
const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A run whose history predates held-back commands failed the workflow on such a failure; it replays so. */
const HOLD_BACK_PATCH = 'hold-back-permanent-failures';

/** Runs recorded before this patch archived the old period (resetUsage) before switching periods (syncEnforcement). */
export const SYNC_BEFORE_RESET_PATCH = 'sync-enforcement-before-reset-usage';

// The reducer switches periods first; a history recorded before that replays in its own order.
function inRecordedOrder(commands: Command[]): Command[] {
  const reset = commands.findIndex((c) => c.type === 'resetUsage');
  const sync = commands.findIndex((c) => c.type === 'syncEnforcement');
  if (reset < 0 || sync < 0 || sync > reset || patched(SYNC_BEFORE_RESET_PATCH)) return commands;
  const legacy = [...commands];
  [legacy[sync], legacy[reset]] = [legacy[reset]!, legacy[sync]!];
  return legacy;
}

type Lane = 'persistProjection' | 'syncEnforcement' | 'publishEvents' | 'resetUsage';
const laneOf = (c: Command): Lane => (c.type === 'publishEvent' ? 'publishEvents' : c.type);
/** Lanes whose command writes the current state: one held-back entry stands for any later ones. */
const SYNCS_CURRENT_STATE = new Set<Lane>(['persistProjection', 'syncEnforcement']);

/**
 * Executes the reducer's commands in order (consecutive events go out in one batch) and returns
 * what is held back for repair. A command whose activity already has one held back queues behind
 * it, so events stay in order; the other activities keep running (a lock still reaches Redis while
 * the projection write is failing).
 */
export async function runCommands(reduced: Command[], state: TenantState, attention: Attention | null = null): Promise<Attention | null> {
  const commands = inRecordedOrder(reduced);
  const pending = [...(attention?.pending ?? [])];
  let failures = [...(attention?.failures ?? [])];
  for (let i = 0; i < commands.length;) {
    const lane = laneOf(commands[i]!);
    let end = i + 1;
    if (lane === 'publishEvents') while (end < commands.length && commands[end]!.type === 'publishEvent') end++;
    const group = commands.slice(i, end);
    i = end;
    if (pending.some((c) => laneOf(c) === lane)) {
      if (!SYNCS_CURRENT_STATE.has(lane)) pending.push(...group);
      continue;
    }
    try {
      await execute(lane, group, state);
    } catch (err) {
      if (!(err instanceof ActivityFailure) || !patched(HOLD_BACK_PATCH)) throw err;
      pending.push(...group);
      failures = [...failures.filter((f) => f.activity !== lane), failureOf(lane, err)];
    }
  }
  if (pending.length === 0) return null;
  const first = failures.find((f) => f.activity === laneOf(pending[0]!)) ?? failures[0]!;
  return { reason: `${first.activity}: ${first.code}`, since: attention?.since ?? Date.now(), failures, pending };
}

/** Runs the held-back commands again, in order, with the current state; null when they all succeed. */
export async function retryHeldBack(state: TenantState, attention: Attention | null): Promise<Attention | null> {
  if (!attention) return null;
  const still = await runCommands(attention.pending, state);
  return still && { ...still, since: attention.since };
}

/**
 * Writes the projection and enforcement again from the current state. Held-back writes of either are
 * superseded by this one; the other held-back commands stay as they were.
 */
export async function reproject(state: TenantState, attention: Attention | null): Promise<Attention | null> {
  const rest = attention && {
    ...attention,
    pending: attention.pending.filter((c) => !SYNCS_CURRENT_STATE.has(laneOf(c))),
    failures: attention.failures.filter((f) => !SYNCS_CURRENT_STATE.has(f.activity as Lane)),
  };
  const kept = rest && rest.pending.length > 0 ? rest : null;
  const after = await runCommands([{ type: 'persistProjection' }, { type: 'syncEnforcement' }], state, kept);
  return after && attention ? { ...after, since: attention.since } : after;
}

async function execute(lane: Lane, group: Command[], state: TenantState): Promise<void> {
  const command = group[0]!;
  switch (command.type) {
    case 'publishEvent': await activities.publishEvents(group.flatMap((c) => (c.type === 'publishEvent' ? [c.event] : []))); break;
    case 'persistProjection': await activities.persistProjection(state); break;
    case 'syncEnforcement': await activities.syncEnforcement(state); break;
    case 'resetUsage': await activities.resetUsage({ tenantId: state.tenantId, period: command.period, nextPeriod: command.nextPeriod, entitlements: state.plan.entitlements }); break;
    default: throw new Error(`no activity for the ${lane} lane`);
  }
}

function failureOf(activity: Lane, err: ActivityFailure): CommandFailure {
  const cause = err.cause;
  const code = cause instanceof ApplicationFailure && cause.type ? cause.type : (cause?.name ?? 'ActivityFailure');
  return { activity, code, message: (cause?.message ?? err.message).slice(0, 500), at: Date.now() };
}
