import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo, log,
} from '@temporalio/workflow';
import { isErrorCode, toFailure } from '../domain/errors.js';
import { isClosed } from '../domain/lifecycle/closure.js';
import { closed } from '../domain/lifecycle/validate-admin.js';
import { initialState, nextDeadline, reduce, upgradeState, validate, withoutInterval, type Command, type LifecycleInput, type TenantState, type ValidationRules } from '../domain/lifecycle/index.js';
import {
  adminActionSignal, adminUpdate, attentionQuery, cancelPendingChangeUpdate, cancelUpdate, changePlanUpdate, migratePlanUpdate, reactivateUpdate, registerUpdate,
  repairUpdate, reprojectUpdate, stateQuery, stripeEventSignal, updateContactUpdate, type Attention, type LifecycleHealth, type TenantLifecycleArgs,
} from './messages.js';
import { reproject, retryHeldBack, runCommands } from './run-commands.js';
import { callStripeFor } from './stripe-steps.js';
import { upsertAttention, upsertVisibility } from './search-attributes.js';
import { toUpdateInput, type UpdateRequest } from './update-inputs.js';
import { createInbox, type Answer, type Inbox } from './update-queue.js';

// The interpreter: take the next input, run the pure reducer, execute its commands through
// activities, then wait for new input or the next deadline. All rules live in domain/lifecycle.

/** The update's answer when its Stripe call failed for good: the activity's code, else an outage. */
function stripeRefusal(e: unknown): Answer {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  if (cause instanceof ApplicationFailure && cause.type && isErrorCode(cause.type)) {
    const details = cause.details?.[0];
    return { ok: false, code: cause.type, message: cause.message, ...(details === undefined ? {} : { details }) };
  }
  return { ok: false, code: 'DEPENDENCY_UNAVAILABLE', message: 'the payment provider could not be reached; retry later' };
}

/**
 * A closed account's lifecycle returns once its closing commands have run (the events are in the
 * outbox). Whatever still waits is refused with TENANT_CLOSED (an update) or dropped (a signal: a
 * later webhook is stored and ignored by the webhook path), after every handler has finished.
 */
async function endClosedLifecycle(state: TenantState, inbox: Inbox, maintenance: { done: boolean }[]): Promise<void> {
  const refusal = closed(state);
  let dropped = 0;
  for (let item = inbox.next(); item; item = inbox.next()) {
    if (item.ticket !== undefined) inbox.answer(item.ticket, { ok: false, code: refusal.code, message: refusal.message, details: refusal.details });
    else dropped++;
  }
  for (const request of maintenance.splice(0)) request.done = true;
  await condition(allHandlersFinished);
  log.info('lifecycle ended: the account is closed', { tenantId: state.tenantId, version: state.version, droppedSignals: dropped });
}

export async function tenantLifecycle(args: TenantLifecycleArgs): Promise<void> {
  const inbox = createInbox(args.carried?.inbox ?? []);
  // A run whose history predates a rule change replays with the old rule (see ValidationRules).
  const rules: ValidationRules = { upgradeNeedsSubscription: patched('upgrade-needs-subscription') };
  // Issue 13: subscriptions record their billing interval; a run from before it replays without.
  const recordsInterval = patched('subscription-interval');
  let initialized = false;
  let state: TenantState;
  let pending: Command[] = [];
  let attention: Attention | null = args.carried?.attention ?? null;
  if (args.carried) {
    // A state carried from before entitlements is upgraded here, so queries and validators see the current shape.
    state = upgradeState(args.carried.state);
  } else {
    // An imported tenant (backfill) starts in the state it was imported with; older runs never had one.
    const imported = args.imported && patched('imported-initial-state') ? args.imported : undefined;
    ({ state, commands: pending } = initialState({ ...args, imported, now: Date.now() }));
  }

  // Handlers are registered before the first await. Updates validate synchronously, then queue
  // behind earlier input, so the reducer sees one input at a time in arrival order.
  setHandler(stateQuery, () => state);
  setHandler(attentionQuery, () => attention);
  setHandler(stripeEventSignal, (event) => inbox.push({ kind: 'stripe', event }));
  setHandler(adminActionSignal, (action) => inbox.push({ kind: 'admin', action }));
  setHandler(registerUpdate, async () => {
    await condition(() => initialized);
    return state;
  });
  const enqueue = async (request: UpdateRequest): Promise<TenantState> => {
    await inbox.submit(toUpdateInput(request));
    return state;
  };
  const validator = (request: UpdateRequest) => {
    const err = validate(state, toUpdateInput(request), rules);
    if (err) throw ApplicationFailure.create(toFailure(err));
  };
  setHandler(changePlanUpdate, (input) => enqueue({ kind: 'changePlan', input }), { validator: (input) => validator({ kind: 'changePlan', input }) });
  setHandler(cancelUpdate, (input) => enqueue({ kind: 'cancel', input }), { validator: (input) => validator({ kind: 'cancel', input }) });
  setHandler(reactivateUpdate, () => enqueue({ kind: 'reactivate' }), { validator: () => validator({ kind: 'reactivate' }) });
  setHandler(cancelPendingChangeUpdate, () => enqueue({ kind: 'cancelPendingChange' }), { validator: () => validator({ kind: 'cancelPendingChange' }) });
  setHandler(adminUpdate, (action) => enqueue({ kind: 'admin', action }), { validator: (action) => validator({ kind: 'admin', action }) });
  setHandler(updateContactUpdate, (input) => enqueue({ kind: 'updateContact', input }), { validator: (input) => validator({ kind: 'updateContact', input }) });
  // Issue 13: the marker records that this history takes plan migrations (no history before it holds one).
  setHandler(migratePlanUpdate, (input) => {
    patched('plan-migration');
    return enqueue({ kind: 'migratePlan', input });
  }, { validator: (input) => validator({ kind: 'migratePlan', input }) });
  // Maintenance runs in the loop, between inputs, so its activities never interleave with a step's.
  const maintenance: { kind: 'reproject' | 'repair'; done: boolean }[] = [];
  const maintain = async (kind: 'reproject' | 'repair'): Promise<LifecycleHealth> => {
    const request = { kind, done: false };
    maintenance.push(request);
    await condition(() => request.done);
    return { state, attention };
  };
  setHandler(reprojectUpdate, () => maintain('reproject'));
  setHandler(repairUpdate, () => maintain('repair'));

  let visibility = upsertVisibility(state, null);
  let needsAttention = upsertAttention(attention, null);
  attention = await runCommands(pending, state, attention);
  needsAttention = upsertAttention(attention, needsAttention);
  initialized = true;

  for (;;) {
    const deadline = nextDeadline(state);
    const wake = deadline == null ? undefined : deadline - Date.now();
    if (wake === undefined || wake > 0) {
      await condition(() => inbox.size > 0 || maintenance.length > 0 || workflowInfo().continueAsNewSuggested, wake);
    }

    const request = maintenance.shift();
    if (request) {
      attention = request.kind === 'repair' ? await retryHeldBack(state, attention) : await reproject(state, attention);
      needsAttention = upsertAttention(attention, needsAttention);
      log.info(`lifecycle ${request.kind}`, { tenantId: state.tenantId, version: state.version, needsAttention });
      request.done = true;
      // A closed account whose last writes were held back ends once a repair has run them.
      if (isClosed(state) && attention === null) return endClosedLifecycle(state, inbox, maintenance);
      continue;
    }

    const item = inbox.next();
    let input: LifecycleInput = item ? item.input : { kind: 'tick' };
    if (item?.ticket !== undefined) {
      // Re-check against the current state: earlier input may have changed it since validation.
      const err = validate(state, item.input, rules);
      if (err) {
        inbox.answer(item.ticket, { ok: false, code: err.code, message: err.message, details: err.details });
        continue;
      }
      try {
        input = await callStripeFor(state, item.input);
      } catch (e) {
        inbox.answer(item.ticket, stripeRefusal(e));
        continue;
      }
    }
    const result = reduce(state, recordsInterval ? input : withoutInterval(input), Date.now(), rules);
    state = result.state;
    visibility = upsertVisibility(state, visibility);
    attention = await runCommands(result.commands, state, attention);
    needsAttention = upsertAttention(attention, needsAttention);
    const periodRolled = result.commands.some((c) => c.type === 'resetUsage');
    if (item?.ticket !== undefined) inbox.answer(item.ticket, { ok: true });
    // Not while a command is held back (NeedsAttention): the closing's projection, enforcement or
    // events would never be written. The lifecycle then waits for `tenure tenants repair`.
    if (isClosed(state) && attention === null) return endClosedLifecycle(state, inbox, maintenance);

    if ((periodRolled || workflowInfo().continueAsNewSuggested) && !inbox.holdsUpdates() && maintenance.length === 0) {
      await condition(allHandlersFinished);
      log.info('continuing as new', { tenantId: state.tenantId, version: state.version, periodRolled });
      const { imported: _imported, ...startArgs } = args;
      await continueAsNew<typeof tenantLifecycle>({ ...startArgs, carried: { state, inbox: inbox.carry(), ...(attention ? { attention } : {}) } });
    }
  }
}
